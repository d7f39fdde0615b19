import { guid, str, type Env, type Problems } from './parse';
import type { AppConfig } from './types';

const PREFIX = /^[A-Za-z][A-Za-z0-9]{0,49}$/;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * STORE and the Azure Storage settings. The connection string is a secret: messages name the
 * variable, never repeat its value.
 */
export function parseStore(env: Env, p: Problems): AppConfig['store'] {
  const raw = str(env, 'STORE')?.toLowerCase() ?? 'sqlite';
  if (raw !== 'sqlite' && raw !== 'azure') {
    p.add(
      'STORE',
      `must be "sqlite" (one instance, a file under DATA_DIR) or "azure" (several instances), got "${raw}".`,
    );
    return { kind: 'sqlite' };
  }
  if (raw === 'sqlite') return { kind: 'sqlite' };

  const connectionString = str(env, 'AZURE_STORAGE_CONNECTION_STRING');
  const accountUrl = str(env, 'AZURE_STORAGE_ACCOUNT_URL');
  const clientId = guid(env, p, 'AZURE_CLIENT_ID', 'the client id of the user-assigned managed identity');
  const tablePrefix = str(env, 'AZURE_TABLE_PREFIX') ?? 'mca';
  if (!PREFIX.test(tablePrefix)) {
    p.add(
      'AZURE_TABLE_PREFIX',
      `must be 1–50 letters and digits starting with a letter (table names), got "${tablePrefix}".`,
    );
  }
  if (connectionString && accountUrl) {
    p.add('AZURE_STORAGE_ACCOUNT_URL', 'set it or AZURE_STORAGE_CONNECTION_STRING, not both.');
  } else if (!connectionString && !accountUrl) {
    p.add(
      'AZURE_STORAGE_ACCOUNT_URL',
      'is required with STORE=azure (e.g. https://<account>.table.core.windows.net, signed in with a managed ' +
        'identity), or set AZURE_STORAGE_CONNECTION_STRING instead.',
    );
  }
  if (connectionString && !/(^|;)\s*(AccountName|TableEndpoint)\s*=/i.test(connectionString)) {
    p.add(
      'AZURE_STORAGE_CONNECTION_STRING',
      'is not a storage connection string (expected "DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…" ' +
        'from the storage account › Access keys).',
    );
  }
  if (accountUrl) checkAccountUrl(accountUrl, p);
  return { kind: 'azure', azure: { connectionString, accountUrl, clientId, tablePrefix } };
}

function checkAccountUrl(raw: string, p: Problems): void {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) return;
  } catch {
    // reported below
  }
  p.add(
    'AZURE_STORAGE_ACCOUNT_URL',
    `must be the https table endpoint of the account, e.g. https://<account>.table.core.windows.net, got "${raw}".`,
  );
}
