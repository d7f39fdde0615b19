import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config';
import type { Clock } from '../core/clock';
import type { AzureStore, AzureStorageTarget } from '../store/azure';
import { openSqliteStore } from '../store/sqlite';
import type { Store } from '../store/types';

export interface OpenedStore {
  store: Store;
  /** Set when several instances share the store (STORE=azure): the Azure tables, for shared services. */
  azure?: AzureStore;
}

/**
 * STORE=sqlite: one file under DATA_DIR. STORE=azure: Azure Table storage, by connection string
 * or by account URL with DefaultAzureCredential (managed identity; AZURE_CLIENT_ID picks a
 * user-assigned one). The Azure SDKs are loaded only for STORE=azure (start-up time and memory).
 */
export async function openStore(config: AppConfig, clock: Clock): Promise<OpenedStore> {
  const azure = config.store.azure;
  if (config.store.kind !== 'azure' || !azure) {
    mkdirSync(config.dataDir, { recursive: true });
    return { store: openSqliteStore({ file: path.join(config.dataDir, 'mca-assist.db'), clock }) };
  }
  const [{ DefaultAzureCredential }, { openAzureStore }] = await Promise.all([
    import('@azure/identity'),
    import('../store/azure/index.js'),
  ]);
  const target: AzureStorageTarget = azure.connectionString
    ? { connectionString: azure.connectionString }
    : {
        accountUrl: azure.accountUrl ?? '',
        credential: new DefaultAzureCredential(
          azure.clientId ? { managedIdentityClientId: azure.clientId } : undefined,
        ),
      };
  const store = await openAzureStore({ target, prefix: azure.tablePrefix, clock });
  return { store, azure: store };
}
