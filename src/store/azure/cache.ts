import type { TableClient } from '@azure/data-tables';
import type { Clock } from '../../core/clock.js';
import type { CacheStore } from '../types.js';
import { validTime } from '../values.js';
import * as az from './tables.js';

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
    const expired = await az.queryAll(
      table,
      `${filter}expiresAt le ${now}L`,
      'finding expired cache entries',
      5000,
      ['PartitionKey', 'RowKey'],
    );
    for (const e of expired) {
      await table.deleteEntity(e.partitionKey, e.rowKey).catch((err: unknown) => {
        if (az.statusOf(err) !== 404) throw az.toStoreError('deleting an expired cache entry', err);
      });
    }
    return expired.length;
  };

  return {
    purgeExpired: () => purge(''),
    async get<T>(namespace: string, key: string) {
      const entity = await az.readEntity(
        table,
        az.encodeKey(namespace),
        az.encodeKey(key),
        'reading the cache',
      );
      if (!entity || az.readInt(entity.expiresAt) <= clock.now().getTime()) return undefined;
      return az.unpackJson<T>(entity, 'value');
    },
    async put<T>(namespace: string, key: string, value: T, expiresAt: Date) {
      const partitionKey = az.encodeKey(namespace);
      const entity = {
        partitionKey,
        rowKey: az.encodeKey(key),
        ...az.packJson('value', value, 'a cache value'),
        expiresAt: az.int64(validTime(expiresAt, 'expiresAt')),
      };
      await az.guard('writing the cache', () => table.upsertEntity(entity, 'Replace'));
      const now = clock.now().getTime();
      const since = now - (lastPurge.get(partitionKey) ?? Number.NEGATIVE_INFINITY);
      if (since >= PURGE_EVERY_MS || since < 0) {
        lastPurge.set(partitionKey, now);
        await purge(`PartitionKey eq ${az.lit(partitionKey)} and `);
      }
    },
    async delete(namespace, key) {
      try {
        await table.deleteEntity(az.encodeKey(namespace), az.encodeKey(key));
      } catch (err) {
        if (az.statusOf(err) !== 404) throw az.toStoreError('deleting from the cache', err);
      }
    },
  };
}
