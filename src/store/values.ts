import { AppError } from '../core/errors.js';

/** Helpers both store backends share: limits, optional fields, JSON values, times. */

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

/** A page size that is always a whole number between 1 and `max`. */
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

const DEFAULT_MAX_ATTEMPTS = 5;

/** Checks a job before it is queued (both backends). @returns its maxAttempts (default 5). */
export function checkNewJob(job: { type: string; maxAttempts?: number }): number {
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!job.type) throw new AppError('INPUT_INVALID', 'A job needs a type.');
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new AppError(
      'INPUT_INVALID',
      `maxAttempts must be a whole number of at least 1, not ${maxAttempts}.`,
    );
  }
  return maxAttempts;
}
