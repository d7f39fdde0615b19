import type { TableClient } from '@azure/data-tables';
import type { Clock } from '../../core/clock.js';
import type { CacheStore } from '../types.js';
import { validTime } from '../values.js';
import {
  encodeKey,
  guard,
  int64,
  lit,
  packJson,
  queryAll,
  readEntity,
  readInt,
  statusOf,
  toStoreError,
  unpackJson,
} from './tables.js';

/** Expired entries of a namespace are deleted on writes at most this often; reads ignore them anyway. */
const PURGE_EVERY_MS = 10 * 60_000;

export interface AzureCache extends CacheStore {
  /** Deletes every expired entry. @returns how many. */
  purgeExpired(): Promise<number>;
}

/** PartitionKey = namespace, RowKey = key; `expiresAt` in epoch ms. */
export function azureCache(table: TableClient, clock: Clock): AzureCache {
  const lastPurge = new Map<string, number>();

  const purge = async (filter: string) => {
    const now = clock.now().getTime();
    const expired = await queryAll(
      table,
      `${filter}expiresAt le ${now}L`,
      'finding expired cache entries',
      5000,
      ['PartitionKey', 'RowKey'],
    );
    for (const e of expired) {
      await table.deleteEntity(e.partitionKey, e.rowKey).catch((err: unknown) => {
        if (statusOf(err) !== 404) throw toStoreError('deleting an expired cache entry', err);
      });
    }
    return expired.length;
  };

  return {
    purgeExpired: () => purge(''),
    async get<T>(namespace: string, key: string) {
      const entity = await readEntity(table, encodeKey(namespace), encodeKey(key), 'reading the cache');
      if (!entity || readInt(entity.expiresAt) <= clock.now().getTime()) return undefined;
      return unpackJson<T>(entity, 'value');
    },
    async put<T>(namespace: string, key: string, value: T, expiresAt: Date) {
      const partitionKey = encodeKey(namespace);
      const entity = {
        partitionKey,
        rowKey: encodeKey(key),
        ...packJson('value', value, 'a cache value'),
        expiresAt: int64(validTime(expiresAt, 'expiresAt')),
      };
      await guard('writing the cache', () => table.upsertEntity(entity, 'Replace'));
      const now = clock.now().getTime();
      const since = now - (lastPurge.get(partitionKey) ?? Number.NEGATIVE_INFINITY);
      if (since >= PURGE_EVERY_MS || since < 0) {
        lastPurge.set(partitionKey, now);
        await purge(`PartitionKey eq ${lit(partitionKey)} and `);
      }
    },
    async delete(namespace, key) {
      try {
        await table.deleteEntity(encodeKey(namespace), encodeKey(key));
      } catch (err) {
        if (statusOf(err) !== 404) throw toStoreError('deleting from the cache', err);
      }
    },
  };
}
