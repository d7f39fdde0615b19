import { systemClock, type Clock } from '../../core/clock.js';
import type { Store } from '../types.js';
import { azureAudit } from './audit.js';
import { azureCache } from './cache.js';
import { azureConversations } from './conversations.js';
import { azureJobs } from './jobs.js';
import { azureRecords } from './records.js';
import {
  AREAS,
  ensureTables,
  tableClients,
  type AzureStorageTarget,
  type RequestCounts,
  type RequestTimings,
  type Tables,
} from './tables.js';

export type { AzureStorageTarget } from './tables.js';

export interface AzureStoreOptions {
  target: AzureStorageTarget;
  /** AZURE_TABLE_PREFIX: tables are named `<prefix>conversations`, `<prefix>jobs`, …; default "mca". */
  prefix?: string;
  clock?: Clock;
}

export interface AzureStore extends Store {
  /** The table clients, for the coordination services that share this storage (leases, budgets). */
  readonly tables: Tables;
  /** Storage requests this process sent so far, per table (each one is a billed transaction). */
  readonly requests: Readonly<RequestCounts>;
  /** Per table and request kind: how many and how long they took (for benchmarks). */
  readonly timings: Readonly<RequestTimings>;
  /** Deletes every expired cache entry. @returns how many. */
  purgeExpired(): Promise<number>;
}

/**
 * Opens the `azure` backend: Azure Table storage (or Cosmos DB for Table), shared by every instance
 * of the bot. Creates the tables that are missing. Nothing is held in memory that another instance
 * would need: every guarantee rests on ETags and entity group transactions.
 *
 * @throws AppError('STORE_UNAVAILABLE') when the account cannot be reached or refuses us.
 * @example
 * const store = await openAzureStore({ target: { connectionString }, prefix: 'mca' });
 */
export async function openAzureStore(options: AzureStoreOptions): Promise<AzureStore> {
  const clock = options.clock ?? systemClock;
  const requests = Object.fromEntries(AREAS.map((area) => [area, 0])) as RequestCounts;
  const timings: RequestTimings = {};
  const tables = tableClients(options.target, options.prefix ?? 'mca', requests, timings);
  await ensureTables(tables);
  const cache = azureCache(tables.cache, clock);
  let closed = false;
  return {
    tables,
    requests,
    timings,
    conversations: azureConversations(tables.conversations),
    audit: azureAudit(tables.audit),
    cache,
    jobs: azureJobs(tables.jobs, clock),
    records: azureRecords(tables.records, clock),
    purgeExpired: () => cache.purgeExpired(),
    async ping() {
      if (closed) return false;
      try {
        await tables.jobs.getEntity('ping', 'ping').catch((err: { statusCode?: number }) => {
          if (err.statusCode !== 404) throw err;
        });
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      // The SDK keeps no connection that needs closing; ping reports the store as closed.
      closed = true;
    },
  };
}
