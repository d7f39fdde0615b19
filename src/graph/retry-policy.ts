import { createRetryPolicy, type RetryOptions, type RetryPolicy } from '../partner-center/retry-policy';

/**
 * When the Graph client waits and tries again — the same rules as for Partner Center, with its own
 * numbers (https://learn.microsoft.com/graph/throttling):
 *
 * - Retried: 429 (throttled), 500/502/503/504, network errors and per-attempt timeouts.
 * - `Retry-After` (Graph sends seconds with 429 and often with 503) is obeyed, capped at 120 s.
 * - Otherwise exponential backoff with full jitter from 1 s, at most 4 attempts in total.
 * - Outlook's documented per-mailbox limits (10,000 requests per 10 minutes, 4 concurrent requests)
 *   are far above what MCA Assist sends; a 429 means someone else shares the mailbox.
 * - Graph has no idempotency key: a timed-out sendMail that did arrive is sent again on retry. A
 *   duplicate acceptance request is judged better than none.
 */
const GRAPH_RETRY: Required<RetryOptions> = {
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/**
 * @example
 * const policy = createGraphRetryPolicy({ maxAttempts: 2 }, Math.random, Date.now);
 */
export function createGraphRetryPolicy(
  options: RetryOptions = {},
  random: () => number = Math.random,
  now: () => number = Date.now,
): RetryPolicy {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return createRetryPolicy({ ...GRAPH_RETRY, ...defined }, random, now);
}
