import { AppError, isAppError } from '../core/errors';
import type { RecordStore } from './types';

export interface UpdateRecordOptions<T> {
  /** The record's `index1` after the change (e.g. its customer tenant id). */
  index1?: (value: T) => string;
  /** Message of the `STORE_CONFLICT` thrown when the record kept changing; default the store's. */
  conflictMessage?: string;
}

const ATTEMPTS = 5;

/**
 * The one read-change-write of a stored record with optimistic concurrency: on a conflict it
 * re-reads and re-applies `change`, so a watcher and a click never overwrite each other. `change`
 * gets a copy of the record (undefined when there is none yet; returning a value then creates it)
 * and returns undefined to leave it as is. After 5 conflicts in a row it throws `STORE_CONFLICT`.
 *
 * @returns the record before and after (`after` is `before` when nothing was written).
 * @example
 * const { before, after } = await updateRecord<Notice>(services.store.records, 'notice', id, (n) =>
 *   n && { ...n, state: 'cancelled' },
 * );
 */
export async function updateRecord<T>(
  records: RecordStore,
  kind: string,
  id: string,
  change: (current: T | undefined) => T | undefined,
  options: UpdateRecordOptions<T> = {},
): Promise<{ before: T | undefined; after: T | undefined }> {
  for (let attempt = 1; ; attempt++) {
    const current = await records.get<T>(kind, id);
    const next = change(current && structuredClone(current.value));
    if (next === undefined) return { before: current?.value, after: current?.value };
    try {
      await records.put(kind, id, next, current?.etag, options.index1 && { index1: options.index1(next) });
      return { before: current?.value, after: next };
    } catch (err) {
      if (!isAppError(err, 'STORE_CONFLICT')) throw err;
      if (attempt >= ATTEMPTS) {
        throw options.conflictMessage ? new AppError('STORE_CONFLICT', options.conflictMessage) : err;
      }
    }
  }
}
