import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  SANDBOX_ADMIN_AGENT_ID,
  SANDBOX_PARTNER_TENANT_ID,
  SANDBOX_READER_ID,
  SANDBOX_SALES_AGENT_ID,
} from '../../src/sandbox/constants';
import { parseYaml } from './mini-yaml';
import { DEMO_CUSTOMERS } from '../../src/sandbox/seed';

const root = join(__dirname, '../..');
const config: any = parseYaml(readFileSync(join(root, '.m365agentsplayground.yml'), 'utf8'));

/**
 * The JSON schema the installed playground validates its config file with. It is not shipped as a file,
 * only embedded in the bundle as JSON.parse('…') next to the ConfigManager that uses it.
 */
function playgroundConfigSchema(): object {
  const bundle = readFileSync(
    join(root, 'node_modules/@microsoft/m365agentsplayground/dist/index.js'),
    'utf8',
  );
  const m =
    /JSON\.parse\('(\{"\$id":"https:\/\/aka\.ms\/teams-app-test-tool-config\/(?:[^'\\]|\\.)*)'\)/.exec(
      bundle,
    );
  if (!m) throw new Error('config schema not found in the playground bundle');
  return JSON.parse(m[1]!.replace(/\\(.)/g, '$1')) as object;
}

describe('Agents Playground config (.m365agentsplayground.yml)', () => {
  it('puts the playground users in the sandbox partner tenant', () => {
    expect(config.tenantId).toBe(SANDBOX_PARTNER_TENANT_ID);
  });

  it('makes the current user the sandbox Admin agent', () => {
    expect(config.currentUser.aadObjectId).toBe(SANDBOX_ADMIN_AGENT_ID);
  });

  it('includes the sandbox Sales agent and Reader among the other users', () => {
    const ids = config.users.map((u: any) => u.aadObjectId);
    expect(ids).toContain(SANDBOX_SALES_AGENT_ID);
    expect(ids).toContain(SANDBOX_READER_ID);
    expect(ids).not.toContain(SANDBOX_ADMIN_AGENT_ID);
  });

  it('calls the bot MCA Assist, with the bot id of the manifest', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'appPackage/manifest.json'), 'utf8'));
    expect(config.bot).toEqual({ id: manifest.bots[0].botId, name: 'MCA Assist' });
  });

  it('passes the schema and the uniqueness rules the installed playground checks at startup', () => {
    const schema: any = playgroundConfigSchema();
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'tenantId', 'currentUser', 'users']));
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    // ...and the validator is live: the playground wants exactly five users.
    expect(validate({ ...config, users: config.users.slice(1) })).toBe(false);

    const userIds = [config.currentUser.id, ...config.users.map((u: any) => u.id)];
    expect(new Set(userIds).size).toBe(userIds.length);
    const chatIds = [
      config.personalChat.id,
      config.groupChat.id,
      config.team.id,
      ...config.team.channels.map((c: any) => c.id),
    ];
    expect(new Set(chatIds).size).toBe(chatIds.length);
  });
});

describe('Agents Playground customer config (.m365agentsplayground.customer.yml)', () => {
  const customer: any = parseYaml(readFileSync(join(root, '.m365agentsplayground.customer.yml'), 'utf8'));

  it('puts the users in the tenant of a sandbox customer that has not accepted the MCA', () => {
    const seeded = DEMO_CUSTOMERS.find((c) => c.id === customer.tenantId);
    expect(seeded?.companyProfile.companyName).toBe('Lumière & Fils SARL');
    expect(customer.tenantId).not.toBe(SANDBOX_PARTNER_TENANT_ID);
    const ids = [customer.currentUser, ...customer.users].map((u: any) => u.aadObjectId);
    expect(ids).not.toContain(SANDBOX_ADMIN_AGENT_ID);
  });

  it('passes the schema the playground checks, with its own ids, and talks to the same bot', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(playgroundConfigSchema());
    expect(validate(customer), JSON.stringify(validate.errors)).toBe(true);
    expect(customer.bot).toEqual(config.bot);
    const chatIds = [customer.personalChat.id, customer.groupChat.id, customer.team.id];
    expect(
      chatIds.filter((id) => [config.personalChat.id, config.groupChat.id, config.team.id].includes(id)),
    ).toEqual([]);
  });
});

describe('mini YAML reader used for the playground config', () => {
  it('reads nested mappings, sequences of mappings, quotes, comments and core-schema scalars', () => {
    const doc = parseYaml(
      [
        '# comment',
        "version: '0.1.1' # trailing comment",
        'id: 7d1c0c2a-5f43-4c8e-9a3b-2f6d1e8b4a10',
        'count: 5',
        'flag: true',
        'empty:',
        'url: "https://example.com/#x"',
        'outer:',
        '  inner: value with spaces',
        '  list:',
        '    - id: a',
        '      name: A',
        '    # between items',
        '    - id: b',
        '  scalars:',
        '  - one',
        "  - 'it''s'",
      ].join('\n'),
    );
    expect(doc).toEqual({
      version: '0.1.1',
      id: '7d1c0c2a-5f43-4c8e-9a3b-2f6d1e8b4a10',
      count: 5,
      flag: true,
      empty: null,
      url: 'https://example.com/#x',
      outer: {
        inner: 'value with spaces',
        list: [{ id: 'a', name: 'A' }, { id: 'b' }],
        scalars: ['one', "it's"],
      },
    });
  });

  it('refuses YAML it does not understand instead of misreading it', () => {
    expect(() => parseYaml('users: [a, b]')).toThrow(/unsupported YAML syntax/);
    expect(() => parseYaml('a: 1\n   b: 2')).toThrow(/bad indentation|unexpected content/);
    expect(() => parseYaml('a: 1\na: 2')).toThrow(/duplicate key a/);
  });
});
