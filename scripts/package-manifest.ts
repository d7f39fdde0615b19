/**
 * Writes the Teams app package contents to manifest/build/ (gitignored): manifest.json with the placeholder
 * ids replaced from the environment, the two icons and the localization files.
 *   TEAMS_APP_ID    the Teams app id (a GUID of your choice, stable across versions)
 *   MicrosoftAppId  the Azure Bot's Microsoft App ID (the bot the app talks to)
 *   BOT_DOMAIN      optional, e.g. mca-assist.contoso.com: added to validDomains
 * Run: npx tsx scripts/package-manifest.ts   (reads ./.env if present)
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppManifestUtils, type TeamsManifestV1D22 as V1D22 } from '@microsoft/app-manifest';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const src = join(__dirname, '..', 'manifest');
const out = join(src, 'build');

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value || !GUID.test(value)) {
    console.error(`${name} must be set to a GUID (got ${value ? `"${value}"` : 'nothing'})`);
    process.exit(1);
  }
  return value;
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env'); // variables already set in the shell win
  const manifest = JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8')) as V1D22.TeamsManifestV1D22;
  manifest.id = required('TEAMS_APP_ID');
  manifest.bots![0]!.botId = required('MicrosoftAppId');
  const domain = process.env.BOT_DOMAIN?.trim()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  if (domain) manifest.validDomains = [domain];

  const errors = await AppManifestUtils.validateAgainstSchema(manifest);
  if (errors.length > 0) {
    console.error(`manifest.json does not match its schema:\n  ${errors.join('\n  ')}`);
    process.exit(1);
  }

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const files = [
    manifest.icons.color,
    manifest.icons.outline,
    ...(manifest.localizationInfo?.additionalLanguages ?? []).map((l) => l.file),
  ];
  for (const file of files) copyFileSync(join(src, file), join(out, file));

  console.log(`Wrote manifest.json and ${files.length} files to ${out}`);
  console.log('Zip it for upload (files at the root of the zip):');
  console.log('  cd manifest/build && zip -r ../mca-assist.zip .');
}

void main();
