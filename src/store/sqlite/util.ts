import Database from 'better-sqlite3';
import { AppError } from '../../core/errors.js';

const RETRYABLE = /^SQLITE_(BUSY|LOCKED|IOERR)/;

/**
 * Runs one synchronous database step and turns SQLite failures into `AppError('STORE_UNAVAILABLE')`
 * for the one error funnel. Other errors (an `AppError`, a value JSON cannot hold) pass unchanged.
 */
export function guard<T>(file: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    throw toStoreError(file, err);
  }
}

function toStoreError(file: string, err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof Database.SqliteError) {
    return new AppError('STORE_UNAVAILABLE', `The database at ${file} failed (${err.code}).`, {
      cause: err,
      details: { sqliteCode: err.code },
      retryable: RETRYABLE.test(err.code),
    });
  }
  if (err instanceof TypeError && /database connection is not open/i.test(err.message)) {
    return new AppError('STORE_UNAVAILABLE', `The database at ${file} is closed.`, { cause: err });
  }
  return err;
}

export { clampLimit, compact, fromJson, toJson, validTime } from '../values.js';
