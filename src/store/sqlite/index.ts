import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { systemClock, type Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { Store } from '../types.js';
import { sqliteAudit } from './audit.js';
import { sqliteCache } from './cache.js';
import { sqliteConversations } from './conversations.js';
import { sqliteJobs } from './jobs.js';
import { migrate } from './migrate.js';
import { sqliteRecords } from './records.js';
import { guard } from './util.js';

export interface SqliteStoreOptions {
  /** Path of the database file (its directory is created), or ':memory:'. */
  file: string;
  clock?: Clock;
  /** How long a write waits for another process holding the file. Default 5000 ms. */
  busyTimeoutMs?: number;
}

export interface SqliteStore extends Store {
  /** Absolute path of the database file, or ':memory:'. */
  readonly file: string;
  /**
   * Deletes expired cache entries. Cache writes call it by themselves at most once a minute;
   * reads ignore expired entries either way. @returns how many were deleted.
   */
  purgeExpired(): Promise<number>;
}

/**
 * Opens (creating and migrating as needed) the embedded SQLite store: one file, one instance of
 * the bot. Several processes may share the file — writes are serialized by SQLite — but the store
 * is meant for one.
 *
 * @throws AppError('STORE_UNAVAILABLE') when the file cannot be opened or was written by a newer
 *   release.
 * @example
 * const store = openSqliteStore({ file: join(config.dataDir, 'mca-assist.db') });
 * await store.conversations.save(conversation);
 * await store.close();
 */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const memory = options.file === ':memory:';
  const file = memory ? options.file : resolve(options.file);
  const clock = options.clock ?? systemClock;
  const db = openDatabase(file, memory, options.busyTimeoutMs ?? 5000);
  try {
    migrate(db, file, clock);
  } catch (err) {
    db.close();
    throw err;
  }

  const cache = sqliteCache(db, file, clock);
  const ping = db.prepare('SELECT 1');
  return {
    file,
    conversations: sqliteConversations(db, file),
    audit: sqliteAudit(db, file),
    cache,
    jobs: sqliteJobs(db, file, clock),
    records: sqliteRecords(db, file, clock),
    async purgeExpired() {
      return cache.purgeExpired();
    },
    async ping() {
      try {
        ping.get();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

function openDatabase(file: string, memory: boolean, busyTimeoutMs: number): Database.Database {
  try {
    if (!memory) mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file, { timeout: busyTimeoutMs });
    try {
      guard(file, () => {
        db.pragma('journal_mode = WAL');
        db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
        db.pragma('foreign_keys = ON');
        // WAL makes NORMAL durable across application crashes; only a power loss may drop the
        // last commits, never corrupt the file.
        db.pragma('synchronous = NORMAL');
      });
    } catch (err) {
      db.close();
      throw err;
    }
    return db;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'STORE_UNAVAILABLE',
      `Cannot open the database at ${file}. Check that the directory exists or can be created and ` +
        'that this process may write to it (DATA_DIR).',
      { cause: err },
    );
  }
}
