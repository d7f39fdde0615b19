/**
 * When and how long the Partner Center client waits before trying a call again (reference §7).
 *
 * - Retried: 429 (throttled), 500/502/503/504, network errors and per-attempt timeouts.
 *   Every other status is final: retrying a 400/401/403/404 cannot change the answer.
 * - A `Retry-After` header (seconds or an HTTP date) is obeyed as given, capped at `maxRetryAfterMs`.
 * - Without one: exponential backoff with full jitter, `random() * min(maxDelayMs, baseDelayMs * 2^(n-1))`,
 *   so many callers throttled together do not come back in lock-step.
 * - At most `maxAttempts` attempts in total. The same MS-RequestId is sent on every attempt, which
 *   makes the retry idempotent on Partner Center's side.
 * - Each retry is logged as a warning by `http.ts` with the delay chosen here.
 */

export interface RetryOptions {
  /** Attempts in total, including the first. Default 4. */
  maxAttempts?: number;
  /** Backoff base for the first retry. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of a backoff delay. Default 30 s. */
  maxDelayMs?: number;
  /** Upper bound of a delay that Partner Center asked for with Retry-After. Default 120 s. */
  maxRetryAfterMs?: number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

const DEFAULT_RETRY: ResolvedRetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** What happened on one attempt: an HTTP status (with its Retry-After) or no answer at all. */
export type AttemptOutcome =
  { kind: 'status'; status: number; retryAfter?: string | null } | { kind: 'network' | 'timeout' };

export type RetryDecision =
  { retry: false } | { retry: true; delayMs: number; source: 'retry-after' | 'backoff' };

export interface RetryPolicy {
  /** Decide after attempt number `attempt` (1-based) failed with `outcome`. */
  decide(outcome: AttemptOutcome, attempt: number): RetryDecision;
  readonly maxAttempts: number;
}

/**
 * Builds the policy from options; `random` and `now` are injected so tests can pin them.
 *
 * @example
 * const policy = createRetryPolicy({ maxAttempts: 3 }, Math.random, Date.now);
 * policy.decide({ kind: 'status', status: 429, retryAfter: '7' }, 1); // { retry: true, delayMs: 7000, … }
 */
export function createRetryPolicy(
  options: RetryOptions = {},
  random: () => number = Math.random,
  now: () => number = Date.now,
): RetryPolicy {
  const o: ResolvedRetryOptions = { ...DEFAULT_RETRY, ...definedOnly(options) };
  return {
    maxAttempts: o.maxAttempts,
    decide(outcome, attempt) {
      if (attempt >= o.maxAttempts) return { retry: false };
      if (outcome.kind === 'status' && !RETRYABLE_STATUSES.has(outcome.status)) return { retry: false };
      const asked = outcome.kind === 'status' ? parseRetryAfter(outcome.retryAfter, now()) : undefined;
      if (asked !== undefined) {
        return { retry: true, delayMs: Math.min(asked, o.maxRetryAfterMs), source: 'retry-after' };
      }
      const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
      return { retry: true, delayMs: Math.floor(random() * ceiling), source: 'backoff' };
    },
  };
}

/**
 * Reads `Retry-After` as delta-seconds or an HTTP date; `undefined` when absent or unreadable.
 *
 * @example
 * parseRetryAfter('57', Date.now()); // 57000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:50 GMT')); // 10000
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date has a weekday and month name; this also keeps Date.parse from reading "-5" as a year.
  const at = /[A-Za-z]/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

function definedOnly(options: RetryOptions): RetryOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
