import type { Clock } from '../core/clock';
import { RateLimiter } from './rate-limiter';

/**
 * The one pace for every Partner Center call of a partner tenant (reference §7: "500 requests per
 * minute per tenant identifier"; we do not know whether Partner Center counts in fixed or sliding
 * minutes, so we stay under the limit in any 60-second span).
 *
 * A token bucket lets through `burst + rate × 60 s` requests in any minute. So the burst is one
 * second's worth (a `status` command's three calls go out at once) and the sustained rate is the
 * limit minus two bursts — one for the burst itself, one as margin for requests that leave at the
 * end of one minute and arrive in the next. At 500/min that is 9 at once and 482/min sustained
 * (96 % of the limit). A 429 still pauses everyone for its Retry-After (`pause`).
 *
 * People first: calls made for a person (src/core/priority.ts) take the next permit before any
 * background call, and background work leaves `INTERACTIVE_RESERVE` permits of the burst in the
 * bucket, so a person's `status` finds its first calls' permits there even while a sweep spends
 * the whole rate. Several instances: each paces its share (1/N) of rate and burst, and orders its
 * own callers within it.
 *
 * @example
 * const limiter = partnerCenterLimiter(config.partnerCenter.rateLimitPerMinute, clock);
 * createPartnerCenterClient({ ..., limiter });
 */
export function partnerCenterLimiter(
  perMinute: number,
  clock?: Clock,
  sleep?: (ms: number) => Promise<void>,
  /** Several instances: this instance's part of the tenant's budget (1/N). */
  share?: () => number,
): RateLimiter {
  const burst = Math.max(1, Math.ceil(perMinute / 60));
  const sustained = Math.max(1, perMinute - 2 * burst);
  return new RateLimiter({
    permits: sustained,
    perMs: 60_000,
    burst,
    reserve: INTERACTIVE_RESERVE,
    clock,
    sleep,
    share,
  });
}

/** Permits kept for people: a `status` reads the customer, then its two agreement sources at once. */
export const INTERACTIVE_RESERVE = 3;
