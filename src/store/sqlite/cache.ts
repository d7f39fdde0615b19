import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import type { CacheStore } from '../types.js';
import { fromJson, guard, toJson } from './util.js';

/** Expired rows are swept on writes at most this often; reads ignore them in between. */
const PURGE_EVERY_MS = 60_000;

export interface SqliteCache extends CacheStore {
  /** Deletes every expired entry. @returns how many. */
  purgeExpired(): number;
}

export function sqliteCache(db: Database, file: string, clock: Clock): SqliteCache {
  const read = db.prepare<[string, string, number], { value: string }>(
    'SELECT value FROM cache WHERE namespace = ? AND key = ? AND expires_at > ?',
  );
  const upsert = db.prepare<[string, string, string, number]>(
    `INSERT INTO cache (namespace, key, value, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
  );
  const remove = db.prepare<[string, string]>('DELETE FROM cache WHERE namespace = ? AND key = ?');
  const purge = db.prepare<[number]>('DELETE FROM cache WHERE expires_at <= ?');
  let lastPurge = Number.NEGATIVE_INFINITY;

  const purgeExpired = () => {
    const now = clock.now().getTime();
    lastPurge = now;
    return guard(file, () => purge.run(now)).changes;
  };

  return {
    purgeExpired,
    async get<T>(namespace: string, key: string) {
      const row = guard(file, () => read.get(namespace, key, clock.now().getTime()));
      return row && fromJson<T>(row.value);
    },
    async put<T>(namespace: string, key: string, value: T, expiresAt: Date) {
      guard(file, () => upsert.run(namespace, key, toJson(value, 'a cache value'), expiresAt.getTime()));
      // Moving the clock backwards (tests) must not stop the sweep for good.
      const sinceLast = clock.now().getTime() - lastPurge;
      if (sinceLast >= PURGE_EVERY_MS || sinceLast < 0) purgeExpired();
    },
    async delete(namespace, key) {
      guard(file, () => remove.run(namespace, key));
    },
  };
}
