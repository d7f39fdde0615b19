/**
 * `npm run package`: builds the Teams app package appPackage/build/mca-assist.zip — manifest.json with
 * the placeholder ids replaced from the environment, both icons and the localization files at the
 * root of the zip — after validating all of it offline (schemas bundled in @microsoft/app-manifest,
 * icon sizes). The unzipped files are written next to the zip (teamsApp/validateManifest reads them).
 *   TEAMS_APP_ID               the Teams app id (the toolkit's teamsApp/create writes it; any stable GUID)
 *   MicrosoftAppId or BOT_ID   the Azure Bot's app id (BOT_ID is what the toolkit and infra/azure.bicep write)
 *   BOT_DOMAIN or PUBLIC_URL   the bot's host, e.g. mca-assist.contoso.com: the manifest's validDomains
 * Reads ./.env if present; variables already set win. `--out <folder>` writes elsewhere.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppManifestUtils, type TeamsManifestV1D22 as V1D22 } from '@microsoft/app-manifest';
import { zipSync, type Zippable } from 'fflate';

export const APP_PACKAGE_DIR = join(__dirname, '..', 'appPackage');
export const PACKAGE_NAME = 'mca-assist.zip';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Teams' icon rules: color 192×192, outline 32×32 (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package). */
const ICON_SIZES = { color: 192, outline: 32 } as const;
/** Fixed entry times keep the zip byte-identical for identical inputs. */
const MTIME = new Date('2026-01-01T00:00:00Z');

type Env = Record<string, string | undefined>;

function guidFrom(env: Env, names: string[], problems: string[]): string {
  const name = names.find((n) => env[n]?.trim());
  const value = name ? env[name]!.trim() : '';
  if (!GUID.test(value))
    problems.push(`${names.join(' or ')} must be set to a GUID (got ${value ? `"${value}"` : 'nothing'}).`);
  return value.toLowerCase();
}

function domainFrom(env: Env, problems: string[]): string {
  const raw = env.BOT_DOMAIN?.trim() || env.PUBLIC_URL?.trim() || '';
  const domain = raw
    .replace(/^https?:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(domain))
    problems.push(`BOT_DOMAIN or PUBLIC_URL must name the bot's host, e.g. mca.contoso.com (got "${raw}").`);
  return domain;
}

function pngSize(png: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('ascii', 12, 16) !== 'IHDR')
    return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * The bundled localization schema, fixed for ajv: two `activities.activityTypes[…]` patterns end in an
 * unescaped `\b]`, which ajv (unicode regexps) refuses to compile. Escaping that bracket keeps their meaning.
 */
export async function localizationSchema(url: string): Promise<never> {
  const schema = (await AppManifestUtils.fetchSchema(url)) as unknown as {
    patternProperties: Record<string, unknown>;
  };
  const patterns = Object.entries(schema.patternProperties).map(([k, v]): [string, unknown] => [
    k.replaceAll('\\b]', '\\b\\]'),
    v,
  ]);
  return { ...schema, patternProperties: Object.fromEntries(patterns) } as never;
}

export interface AppPackage {
  zipPath: string;
  manifest: V1D22.TeamsManifestV1D22;
  /** Names of the files in the zip, manifest.json first. */
  files: string[];
}

/**
 * Builds and validates the package; throws one Error naming every problem.
 *
 * @example
 * const { zipPath } = await buildAppPackage(process.env); // appPackage/build/mca-assist.zip
 */
export async function buildAppPackage(
  env: Env,
  outDir = join(APP_PACKAGE_DIR, 'build'),
): Promise<AppPackage> {
  const problems: string[] = [];
  const read = (file: string) => readFileSync(join(APP_PACKAGE_DIR, file));
  const manifest = JSON.parse(read('manifest.json').toString('utf8')) as V1D22.TeamsManifestV1D22;
  manifest.id = guidFrom(env, ['TEAMS_APP_ID'], problems);
  manifest.bots![0]!.botId = guidFrom(env, ['MicrosoftAppId', 'BOT_ID'], problems);
  // The message extension (customer search, link previews) runs on the same bot.
  for (const extension of manifest.composeExtensions ?? []) extension.botId = manifest.bots![0]!.botId;
  manifest.validDomains = [domainFrom(env, problems)];

  for (const error of await AppManifestUtils.validateAgainstSchema(manifest))
    problems.push(`manifest.json: ${error}`);
  const entries: Record<string, Buffer> = {};
  for (const [kind, side] of Object.entries(ICON_SIZES)) {
    const file = manifest.icons[kind as keyof typeof ICON_SIZES];
    const size = existsSync(join(APP_PACKAGE_DIR, file)) ? pngSize(read(file)) : undefined;
    if (size?.width !== side || size.height !== side)
      problems.push(`${file}: the ${kind} icon must be a ${side}×${side} PNG.`);
    else entries[file] = read(file);
  }
  for (const { languageTag, file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    try {
      const strings = JSON.parse(read(file).toString('utf8')) as { $schema: string };
      const errors = await AppManifestUtils.validateAgainstSchema(
        strings as never,
        await localizationSchema(strings.$schema),
      );
      for (const error of errors) problems.push(`${file} (${languageTag}): ${error}`);
      entries[file] = read(file);
    } catch (err) {
      problems.push(`${file} (${languageTag}): ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) throw new Error(`The app package was not built:\n  - ${problems.join('\n  - ')}`);

  const files = { 'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), ...entries };
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(files)) zippable[name] = [data, { mtime: MTIME }];
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(join(outDir, name), data);
  const zipPath = join(outDir, PACKAGE_NAME);
  writeFileSync(zipPath, zipSync(zippable, { level: 9 }));
  return { zipPath, manifest, files: Object.keys(files) };
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env'); // variables already set in the shell win
  const at = process.argv.indexOf('--out');
  const outDir = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]!) : undefined;
  try {
    const { zipPath, files } = await buildAppPackage(process.env, outDir);
    console.log(`Wrote ${zipPath} (${files.join(', ')}).`);
    console.log('Upload it in Teams (Apps › Manage your apps › Upload an app) or the Teams admin center.');
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
