import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { RecordStore, StoredRecord } from '../types.js';
import { clampLimit, compact, fromJson, guard, toJson } from './util.js';

interface RecordRow {
  kind: string;
  id: string;
  value: string;
  etag: string;
  index1: string | null;
  updated_at: number;
}

/** Optimistic concurrency: every write sets a fresh random etag; a stale etag is a conflict. */
export function sqliteRecords(db: Database, file: string, clock: Clock): RecordStore {
  const read = db.prepare<[string, string], RecordRow>('SELECT * FROM records WHERE kind = ? AND id = ?');
  const insert = db.prepare<RecordRow>(
    `INSERT INTO records (kind, id, value, etag, index1, updated_at)
     VALUES (@kind, @id, @value, @etag, @index1, @updated_at)
     ON CONFLICT (kind, id) DO NOTHING`,
  );
  const upsert = db.prepare<RecordRow>(
    `INSERT INTO records (kind, id, value, etag, index1, updated_at)
     VALUES (@kind, @id, @value, @etag, @index1, @updated_at)
     ON CONFLICT (kind, id) DO UPDATE SET
       value = excluded.value, etag = excluded.etag, index1 = excluded.index1, updated_at = excluded.updated_at`,
  );
  const replace = db.prepare<RecordRow & { expected: string }>(
    `UPDATE records SET value = @value, etag = @etag, index1 = @index1, updated_at = @updated_at
     WHERE kind = @kind AND id = @id AND etag = @expected`,
  );
  const page = db.prepare<[string, string, number], RecordRow>(
    'SELECT * FROM records WHERE kind = ? AND id > ? ORDER BY id LIMIT ?',
  );
  const byIndex = db.prepare<[string, string, number], RecordRow>(
    'SELECT * FROM records WHERE kind = ? AND index1 = ? ORDER BY id LIMIT ?',
  );
  const remove = db.prepare<[string, string]>('DELETE FROM records WHERE kind = ? AND id = ?');
  const removeIf = db.prepare<[string, string, string]>(
    'DELETE FROM records WHERE kind = ? AND id = ? AND etag = ?',
  );

  const removeChecked = db.transaction((kind: string, id: string, etag: string) => {
    if (removeIf.run(kind, id, etag).changes > 0) return true;
    if (read.get(kind, id)) throw conflict(kind, id, 'changed since it was read');
    return false;
  });
  const conflict = (kind: string, id: string, why: string) =>
    new AppError('STORE_CONFLICT', `The ${kind} record ${id} ${why}; read it again and retry.`, {
      details: { kind, id },
    });

  return {
    async get<T>(kind: string, id: string) {
      const row = guard(file, () => read.get(kind, id));
      return row && toRecord<T>(row);
    },
    async put<T>(kind: string, id: string, value: T, etag?: string, options: { index1?: string } = {}) {
      const row: RecordRow = {
        kind,
        id,
        value: toJson(value, `the ${kind} record ${id}`),
        etag: randomUUID(),
        index1: options.index1 ?? null,
        updated_at: clock.now().getTime(),
      };
      if (etag === undefined) {
        if (guard(file, () => insert.run(row)).changes === 0) throw conflict(kind, id, 'already exists');
      } else if (etag === '*') {
        guard(file, () => upsert.run(row));
      } else if (guard(file, () => replace.run({ ...row, expected: etag })).changes === 0) {
        throw conflict(kind, id, 'changed since it was read, or was deleted');
      }
      return row.etag;
    },
    async list<T>(kind: string, query: { limit: number; after?: string }) {
      const limit = clampLimit(query.limit);
      // One row more than asked tells whether another page exists.
      const rows = guard(file, () => page.all(kind, query.after ?? '', limit + 1));
      const items = rows.slice(0, limit).map((row) => toRecord<T>(row));
      const last = items.at(-1);
      return rows.length > limit && last ? { items, next: last.id } : { items };
    },
    async findByIndex<T>(kind: string, index1: string, limit = 1000) {
      return guard(file, () => byIndex.all(kind, index1, clampLimit(limit))).map((row) => toRecord<T>(row));
    },
    async delete(kind, id, etag) {
      if (etag === undefined || etag === '*') return guard(file, () => remove.run(kind, id)).changes > 0;
      return guard(file, () => removeChecked(kind, id, etag));
    },
  };
}

function toRecord<T>(row: RecordRow): StoredRecord<T> {
  return compact({
    id: row.id,
    value: fromJson<T>(row.value),
    etag: row.etag,
    index1: row.index1 ?? undefined,
    updatedAt: new Date(row.updated_at),
  });
}
