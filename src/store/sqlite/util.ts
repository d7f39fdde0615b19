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

export function toStoreError(file: string, err: unknown): unknown {
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

/** JSON text for a column; throws a clear error for values JSON cannot hold (undefined, BigInt). */
export function toJson(value: unknown, what: string): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) {
    throw new AppError('INPUT_INVALID', `Cannot store ${what}: the value is not JSON data.`);
  }
  return text;
}

export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** A SQL LIMIT that is always a whole number between 1 and `max`. */
export function clampLimit(limit: number, max = 1000): number {
  if (!Number.isFinite(limit)) return max;
  return Math.min(max, Math.max(1, Math.floor(limit)));
}

/** Returns a copy without keys whose value is `undefined`, so optional fields are absent, not set. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Epoch milliseconds of a Date, refusing anything else (an invalid Date, a string). */
export function validTime(date: Date, what: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new AppError('INPUT_INVALID', `${what} must be a valid Date.`);
  return ms;
}
