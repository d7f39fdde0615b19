import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { isAppError } from '../../src/core/errors';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (isAppError(err, 'CONFIG_INVALID')) return err.message;
    throw err;
  }
  throw new Error('expected CONFIG_INVALID');
}

const CONNECTION =
  'DefaultEndpointsProtocol=https;AccountName=mcaprod;AccountKey=c2VjcmV0LWtleS1ub3QtbG9nZ2Vk;EndpointSuffix=core.windows.net';

describe('STORE and the Azure Storage settings', () => {
  it('uses SQLite when STORE is not set', () => {
    expect(loadConfig({}).store).toEqual({ kind: 'sqlite' });
  });

  it('reads a connection string or an account URL with a user-assigned identity, and the prefix', () => {
    expect(loadConfig({ STORE: 'azure', AZURE_STORAGE_CONNECTION_STRING: CONNECTION }).store).toEqual({
      kind: 'azure',
      azure: { connectionString: CONNECTION, tablePrefix: 'mca' },
    });
    expect(
      loadConfig({
        STORE: 'Azure',
        AZURE_STORAGE_ACCOUNT_URL: 'https://mcaprod.table.core.windows.net',
        AZURE_CLIENT_ID: '44444444-4444-4444-8444-444444444444',
        AZURE_TABLE_PREFIX: 'mcaProd2',
      }).store,
    ).toEqual({
      kind: 'azure',
      azure: {
        accountUrl: 'https://mcaprod.table.core.windows.net',
        clientId: '44444444-4444-4444-8444-444444444444',
        tablePrefix: 'mcaProd2',
      },
    });
  });

  it('names each wrong variable, and never repeats the connection string', () => {
    expect(problems({ STORE: 'cosmos' })).toMatch(/STORE: must be "sqlite" .* or "azure"/);
    expect(problems({ STORE: 'azure' })).toMatch(/AZURE_STORAGE_ACCOUNT_URL: is required with STORE=azure/);
    const both = problems({
      STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: CONNECTION,
      AZURE_STORAGE_ACCOUNT_URL: 'https://mcaprod.table.core.windows.net',
    });
    expect(both).toMatch(/AZURE_STORAGE_ACCOUNT_URL: set it or AZURE_STORAGE_CONNECTION_STRING, not both/);
    const bad = problems({
      STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: 'password=hunter2-secret',
      AZURE_TABLE_PREFIX: 'mca-prod',
      AZURE_CLIENT_ID: 'not-a-guid',
    });
    expect(bad).toMatch(/AZURE_STORAGE_CONNECTION_STRING: is not a storage connection string/);
    expect(bad).toMatch(/AZURE_TABLE_PREFIX: must be 1–50 letters and digits/);
    expect(bad).toMatch(/AZURE_CLIENT_ID: must be a GUID/);
    expect(bad).not.toContain('hunter2');
    expect(
      problems({ STORE: 'azure', AZURE_STORAGE_ACCOUNT_URL: 'http://mcaprod.table.core.windows.net' }),
    ).toMatch(/AZURE_STORAGE_ACCOUNT_URL: must be the https table endpoint/);
  });
});
