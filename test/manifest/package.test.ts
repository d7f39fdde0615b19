import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_PACKAGE_DIR, buildAppPackage } from '../../scripts/package-manifest';

const root = join(__dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'mca-package-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const TEAMS_APP_ID = '3c5e1a2b-4d6f-4a8b-9c0d-1e2f3a4b5c6d';
const BOT_ID = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const source = JSON.parse(readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'));
const locales: string[] = source.localizationInfo.additionalLanguages.map((l: { file: string }) => l.file);

describe('npm run package', () => {
  it('zips the manifest with the bot id and domain from the environment, both icons and every localization file', async () => {
    const dir = join(out, 'toolkit');
    const built = await buildAppPackage(
      { TEAMS_APP_ID, BOT_ID, BOT_DOMAIN: 'mca-dev-app.azurewebsites.net' },
      dir,
    );
    expect(built.zipPath).toBe(join(dir, 'mca-assist.zip'));
    const zip = unzipSync(readFileSync(built.zipPath));
    expect(Object.keys(zip).sort()).toEqual(['color.png', 'manifest.json', 'outline.png', ...locales].sort());

    const manifest = JSON.parse(Buffer.from(zip['manifest.json']!).toString('utf8'));
    expect(manifest.id).toBe(TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual(['mca-dev-app.azurewebsites.net']);
    // The message extension runs on the same bot.
    expect(manifest.composeExtensions.map((c: any) => c.botId)).toEqual([BOT_ID]);
    // Everything else is the source manifest, unchanged.
    expect({
      ...manifest,
      id: source.id,
      bots: source.bots,
      composeExtensions: source.composeExtensions,
      validDomains: source.validDomains,
    }).toEqual(source);
    expect(manifest.bots.map((b: any) => ({ ...b, botId: 'x' }))).toEqual(
      source.bots.map((b: any) => ({ ...b, botId: 'x' })),
    );
    expect(await AppManifestUtils.validateAgainstSchema(manifest)).toEqual([]);
    for (const file of ['color.png', 'outline.png', ...locales])
      expect(Buffer.from(zip[file]!).equals(readFileSync(join(APP_PACKAGE_DIR, file))), file).toBe(true);
    // The unzipped files sit next to the zip, for teamsApp/validateManifest.
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toEqual(manifest);
  });

  it('takes MicrosoftAppId and the host of PUBLIC_URL (the app’s own settings) and builds identical bytes twice', async () => {
    const env = { TEAMS_APP_ID, MicrosoftAppId: BOT_ID, PUBLIC_URL: 'https://MCA.Contoso.com/' };
    const first = readFileSync((await buildAppPackage(env, join(out, 'a'))).zipPath);
    const second = readFileSync((await buildAppPackage(env, join(out, 'b'))).zipPath);
    expect(first.equals(second)).toBe(true);
    const manifest = JSON.parse(Buffer.from(unzipSync(first)['manifest.json']!).toString('utf8'));
    expect(manifest.validDomains).toEqual(['mca.contoso.com']);
  });

  it('refuses to build without the ids and the domain, naming each setting', async () => {
    await expect(buildAppPackage({ TEAMS_APP_ID: 'not-a-guid' }, join(out, 'bad'))).rejects.toThrow(
      /TEAMS_APP_ID must be set to a GUID \(got "not-a-guid"\)[\s\S]*MicrosoftAppId or BOT_ID must be set[\s\S]*BOT_DOMAIN or PUBLIC_URL/,
    );
  });

  it('runs as `npm run package`: writes the zip where asked and exits 1 with the reasons when it cannot', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
    expect(scripts.package).toBe('tsx scripts/package-manifest.ts');
    const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [tsx, 'scripts/package-manifest.ts', '--out', join(out, 'cli')], {
        cwd: root,
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
      });
    const ok = run({ TEAMS_APP_ID, BOT_ID, BOT_DOMAIN: 'mca.contoso.com' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(join(out, 'cli', 'mca-assist.zip'));
    expect(Object.keys(unzipSync(readFileSync(join(out, 'cli', 'mca-assist.zip'))))).toContain(
      'manifest.json',
    );
    const refused = run({ TEAMS_APP_ID });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('MicrosoftAppId or BOT_ID must be set to a GUID');
  });
});
