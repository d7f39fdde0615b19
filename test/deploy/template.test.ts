import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { parseYaml } from '../manifest/mini-yaml';

const root = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const bicep = read('infra/azure.bicep');

/** The `{ name: 'X', … }` entries of one `var <name> = …[ … ]` block of the Bicep template. */
function settingsBlock(name: string): { name: string; secretName?: string }[] {
  const start = bicep.indexOf(`var ${name} =`);
  expect(start, `var ${name} in infra/azure.bicep`).toBeGreaterThan(0);
  const block = bicep.slice(start, bicep.indexOf('\n)', start));
  return [...block.matchAll(/\{ name: '([A-Za-z_]+)'(?:, secretName: '([a-z-]+)')?/g)].map((m) => ({
    name: m[1]!,
    ...(m[2] ? { secretName: m[2] } : {}),
  }));
}
const plain = settingsBlock('plainSettings').map((s) => s.name);
const secrets = settingsBlock('secretSettings');
const templateSettings = [...plain, ...secrets.map((s) => s.name)];

/** Settings read by App Service and its build (Oryx), not by the app. */
const PLATFORM_SETTINGS = ['SCM_DO_BUILD_DURING_DEPLOYMENT', 'CUSTOM_BUILD_COMMAND'];

/** A complete, valid live environment: every value of the shape src/config expects. */
const LIVE_ENV: Record<string, string> = {
  PARTNER_CENTER_MODE: 'live',
  PUBLIC_URL: 'https://mca-app.azurewebsites.net',
  PARTNER_TENANT_ID: '7d1c0c2a-5f43-4c8e-9a3b-2f6d1e8b4a10',
  PARTNER_CENTER_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  PARTNER_CENTER_CLIENT_SECRET: 'pc-secret',
  PARTNER_CENTER_REFRESH_TOKEN: 'refresh-token',
  SIGNING_SECRET: 'x'.repeat(48),
  TOKEN_ENCRYPTION_KEY: 'a'.repeat(64),
  MicrosoftAppType: 'UserAssignedMsi',
  MicrosoftAppId: '66666666-7777-4888-9999-aaaaaaaaaaaa',
  MicrosoftAppTenantId: '7d1c0c2a-5f43-4c8e-9a3b-2f6d1e8b4a10',
  STORE: 'azure',
  AZURE_STORAGE_ACCOUNT_URL: 'https://mcastore.table.core.windows.net',
  AZURE_CLIENT_ID: '66666666-7777-4888-9999-aaaaaaaaaaaa',
  AZURE_TABLE_PREFIX: 'mca',
};

/** Every environment variable src/config reads, recorded while it parses full environments. */
function namesReadByConfig(): Set<string> {
  const names = new Set<string>();
  for (const env of [LIVE_ENV, { ...LIVE_ENV, PARTNER_CENTER_MODE: undefined }, {}]) {
    const recording = new Proxy<Record<string, string | undefined>>(env, {
      get(target, key) {
        if (typeof key !== 'string') return undefined;
        names.add(key);
        return target[key];
      },
    });
    try {
      loadConfig(recording);
    } catch {
      // A refusal still reads every setting first (all problems are reported at once).
    }
  }
  return names;
}

/**
 * The names src/config says live mode requires when they are missing, for one bot type (asked with
 * and without a bot app id, since a bot secret is only asked for once there is an app id).
 */
function requiredInLive(appType: string): string[] {
  const names = new Set<string>();
  for (const appId of [undefined, LIVE_ENV.MicrosoftAppId]) {
    try {
      loadConfig({ PARTNER_CENTER_MODE: 'live', MicrosoftAppType: appType, MicrosoftAppId: appId });
      throw new Error('live mode started with no settings');
    } catch (err) {
      for (const m of (err as Error).message.matchAll(/- (\w+): is required in live mode/g)) names.add(m[1]!);
    }
  }
  return [...names];
}

describe('infra/azure.bicep against src/config', () => {
  it('reads its settings from the template: plain values and Key Vault secrets', () => {
    expect(plain).toContain('PARTNER_CENTER_MODE');
    expect(bicep).toMatch(/\{ name: 'PARTNER_CENTER_MODE', value: 'live' \}/);
    expect(secrets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['PARTNER_CENTER_CLIENT_SECRET', 'SIGNING_SECRET', 'PURCHASE_API_KEYS']),
    );
    expect(new Set(templateSettings).size).toBe(templateSettings.length);
  });

  it('sets every setting live mode requires, for both bot types it offers', () => {
    expect(bicep).toMatch(
      /@allowed\(\['UserAssignedMsi', 'SingleTenant'\]\)\n(@description\(.*\)\n)?param botAppType/,
    );
    for (const appType of ['UserAssignedMsi', 'SingleTenant']) {
      const required = requiredInLive(appType);
      expect(required.length, appType).toBeGreaterThan(4);
      expect(
        required.filter((name) => !templateSettings.includes(name)),
        appType,
      ).toEqual([]);
    }
    // SingleTenant needs the bot's client secret: it comes from Key Vault like the others.
    expect(requiredInLive('SingleTenant')).toContain('MicrosoftAppPassword');
  });

  it('sets nothing the config does not read (except what App Service itself reads)', () => {
    const known = namesReadByConfig();
    expect(known.has('PARTNER_CENTER_CLIENT_SECRET')).toBe(true);
    const unknown = templateSettings.filter((name) => !known.has(name));
    expect(unknown).toEqual(PLATFORM_SETTINGS);
  });

  it('starts the config in live mode with the values the template provides', () => {
    const env = Object.fromEntries(templateSettings.map((name) => [name, LIVE_ENV[name] ?? '']));
    const config = loadConfig({ ...env, PARTNER_CENTER_MODE: 'live' });
    expect(config.mode).toBe('live');
    expect(config.bot.appType).toBe('UserAssignedMsi');
    expect(config.store).toMatchObject({ kind: 'azure', azure: { tablePrefix: 'mca' } });
    expect(bicep).toContain(
      "{ name: 'AZURE_STORAGE_ACCOUNT_URL', value: 'https://${storage.name}.table.${environment().suffixes.storage}' }",
    );
    expect(bicep).toContain("{ name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }");
  });

  it('turns every secret into a Key Vault secret and an @Microsoft.KeyVault(...) app setting', () => {
    expect(secrets.every((s) => s.secretName)).toBe(true);
    expect(bicep).toContain("resource secrets 'Microsoft.KeyVault/vaults/secrets@");
    expect(bicep).toMatch(/for s in secretSettings: \{\s+parent: vault\s+name: s\.secretName/);
    expect(bicep).toContain(
      "value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${s.secretName})'",
    );
    expect(bicep).toContain('keyVaultReferenceIdentity: identity.id');
    expect(bicep).toContain('enableRbacAuthorization: true');
    // Nothing secret is a plain setting or an output.
    const secretWords = /SECRET|PASSWORD|TOKEN|KEYS?$/;
    expect(plain.filter((name) => secretWords.test(name))).toEqual([]);
    expect(bicep).not.toMatch(/output \w+ string = (partnerCenterClientSecret|signingSecret|botAppPassword)/);
  });

  it('describes the hosting the issue asks for', () => {
    expect(bicep).toContain("linuxFxVersion string = 'NODE|22-lts'");
    expect(bicep).toContain('httpsOnly: true');
    expect(bicep).toContain("healthCheckPath: '/healthz'");
    expect(bicep).toContain("type: 'UserAssigned'");
    expect(bicep).toContain("'Microsoft.BotService/botServices@");
    expect(bicep).toContain("channelName: 'MsTeamsChannel'");
    expect(bicep).toContain("msaAppType: msi ? 'UserAssignedMSI' : 'SingleTenant'");
    expect(bicep).toContain("'Microsoft.Storage/storageAccounts@");
    expect(bicep).toContain('WorkspaceResourceId: workspace.id');
    expect(bicep).toContain(
      "{ name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }",
    );
    expect(bicep).toContain(
      "appCommandLine: 'node --max-old-space-size=256 --max-semi-space-size=4 dist/src/index.js'",
    );
  });
});

describe('infra/azure.parameters.json and the toolkit project', () => {
  const params: Record<string, { value: unknown }> = JSON.parse(
    read('infra/azure.parameters.json'),
  ).parameters;
  const declared = [...bicep.matchAll(/^param (\w+) \w+( =)?/gm)].map((m) => ({
    name: m[1]!,
    optional: !!m[2],
  }));

  it('passes only parameters the template declares, and every one it requires', () => {
    const names = declared.map((d) => d.name);
    expect(Object.keys(params).filter((p) => !names.includes(p))).toEqual([]);
    const required = declared.filter((d) => !d.optional).map((d) => d.name);
    expect(required.filter((p) => !(p in params))).toEqual([]);
  });

  it('fills every ${{…}} placeholder from env/.env.dev, its .user secrets or an earlier step', () => {
    const envDev = read('env/.env.dev');
    const defined = new Set([...envDev.matchAll(/^(\w+)=/gm)].map((m) => m[1]!));
    const userSecrets = new Set([...envDev.matchAll(/^#\s+(SECRET_\w+)=/gm)].map((m) => m[1]!));
    const used = [read('infra/azure.parameters.json'), read('m365agents.yml')].flatMap((text) =>
      [...text.matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]!),
    );
    const missing = [...new Set(used)].filter((v) => !defined.has(v) && !userSecrets.has(v));
    expect(missing).toEqual([]);
    expect(userSecrets).toContain('SECRET_SIGNING_SECRET');
  });

  it('provisions, deploys and publishes in the toolkit template shape', () => {
    const yml = parseYaml(read('m365agents.yml')) as any;
    expect(yml.environmentFolderPath).toBe('./env');
    const uses = (stage: string) => (yml[stage] as any[]).map((step) => step.uses);
    expect(uses('provision')).toEqual([
      'teamsApp/create',
      'aadApp/create',
      'arm/deploy',
      'script',
      'teamsApp/validateManifest',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    const arm = yml.provision.find((s: any) => s.uses === 'arm/deploy').with.templates[0];
    expect(arm).toMatchObject({ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json' });
    expect(yml.provision.find((s: any) => s.uses === 'script').with.run).toBe('npm run package');
    expect(uses('deploy')).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    expect(yml.deploy[2].with.resourceId).toBe('${{AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(bicep).toContain('output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id');
    expect(uses('publish')).toContain('teamsApp/publishAppPackage');
    for (const stage of ['provision', 'publish'])
      for (const step of yml[stage].filter((s: any) => s.with?.appPackagePath))
        expect(step.with.appPackagePath).toBe('./appPackage/build/mca-assist.zip');
  });

  it('debugs locally through a dev tunnel with a single-tenant bot, and in the Playground', () => {
    const local = parseYaml(read('m365agents.local.yml')) as any;
    const create = local.provision.find((s: any) => s.uses === 'aadApp/create');
    expect(create.with.signInAudience).toBe('AzureADMyOrg');
    const bot = local.provision.find((s: any) => s.uses === 'botFramework/create');
    expect(bot.with.messagingEndpoint).toBe('${{BOT_ENDPOINT}}/api/messages');
    const envs = local.deploy.find((s: any) => s.uses === 'file/createOrUpdateEnvironmentFile').with;
    expect(envs.target).toBe('./.localConfigs');
    expect(Object.keys(envs.envs).filter((name) => !namesReadByConfig().has(name))).toEqual([]);
    expect(read('env/.env.local')).toMatch(/^BOT_ENDPOINT=$/m);
    const playground = parseYaml(read('m365agents.playground.yml')) as any;
    expect(playground.deploy[1].with.envs).toEqual({ PARTNER_CENTER_MODE: 'sandbox' });
  });

  it('keeps the secrets files and generated configs out of git', () => {
    const ignored = read('.gitignore').split('\n');
    for (const pattern of ['env/.env.*.user', '.localConfigs*', 'appPackage/build/'])
      expect(ignored).toContain(pattern);
  });

  it('starts the bot with the same heap limits as npm start and the container image', () => {
    const flags = '--max-old-space-size=256 --max-semi-space-size=4';
    const start = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;
    expect(start).toContain(` ${flags} dist/src/index.js`);
    expect(bicep).toContain(`appCommandLine: 'node ${flags} dist/src/index.js'`);
    expect(read('Dockerfile')).toContain(
      `CMD ["node", ${flags
        .split(' ')
        .map((f) => `"${f}"`)
        .join(', ')}, "dist/src/index.js"]`,
    );
  });
});
