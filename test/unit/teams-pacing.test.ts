import { describe, expect, it } from 'vitest';
import { PacedLimiter } from '../../src/jobs/paced-limiter';
import { TEAMS_POLICY } from '../../src/teams/send-policy';
import { MutableClock } from '../store/mutable-clock';

const LIMIT = TEAMS_POLICY.perTenantPerSecond;
/** How much later a request may reach Teams than the one LIMIT before it, and still find room. */
const JITTER_BUDGET = TEAMS_POLICY.windowMarginMs - TEAMS_POLICY.lateGrantToleranceMs;

/** Teams' side as the stand-in connector counts it: a sliding one-second window of accepted requests. */
function slidingWindow(limit: number) {
  const accepted: number[] = [];
  return (at: number): boolean => {
    const inWindow = accepted.filter((t) => at - t < 1000).length;
    if (inWindow >= limit) return false;
    accepted.push(at);
    return true;
  };
}

/**
 * `count` grants of the tenant limiter on a fake clock (timers fire `lateMs(n)` late), each reaching
 * Teams `delayMs(n)` after its grant. Returns the 429s Teams would give and the pace over the limit.
 */
async function simulate(
  count: number,
  delayMs: (n: number) => number,
  lateMs: (n: number) => number = () => 0,
) {
  const clock = new MutableClock('2026-01-01T00:00:00Z');
  let wakes = 0;
  const limiter = new PacedLimiter({
    permits: LIMIT,
    windowMs: 1000,
    marginMs: TEAMS_POLICY.windowMarginMs,
    toleranceMs: TEAMS_POLICY.lateGrantToleranceMs,
    clock,
    sleep: async (ms) => {
      clock.advance(ms + lateMs(wakes++));
    },
  });
  const arrivals: number[] = [];
  for (let n = 0; n < count; n++) {
    await limiter.acquire();
    arrivals.push(clock.now().getTime() + delayMs(n));
  }
  arrivals.sort((a, b) => a - b);
  const teams = slidingWindow(LIMIT);
  const throttled = arrivals.filter((at) => !teams(at)).length;
  const perSecond = (arrivals.length - 1) / ((arrivals.at(-1)! - arrivals[0]!) / 1000);
  return { throttled, rateOverLimit: perSecond / LIMIT };
}

describe('the Teams pace against a sliding one-second window', () => {
  it('gives no 429 for 3,000 sends when requests reach Teams within the jitter budget, at ≥ 0.95 of the limit', async () => {
    // Every delay between 30 and 30 + budget ms, timers up to the tolerance late: the worst the margin allows.
    const delay = (n: number) => 30 + ((n * 7919) % (JITTER_BUDGET + 1));
    const late = (n: number) => (n * 104729) % (TEAMS_POLICY.lateGrantToleranceMs + 1);
    const { throttled, rateOverLimit } = await simulate(3000, delay, late);
    expect(throttled).toBe(0);
    expect(rateOverLimit).toBeGreaterThanOrEqual(0.95);
    // (1 s) / (1 s + margin) is what even spacing can give: 0.977 at 24 ms.
    expect(rateOverLimit).toBeLessThanOrEqual(1000 / (1000 + TEAMS_POLICY.windowMarginMs) + 0.001);
  });

  it('gives a 429 as soon as one request reaches Teams later than the margin allows, which is why the permit is taken on the wire', async () => {
    // Timers on time: grants exactly (1 s + margin) / 30 apart. Request 100 is held up one millisecond
    // more than the margin after its permit (the event loop busy with other jobs' cards); the 30th
    // after it, on time, finds 30 in the window. With late timers the room shrinks to the budget.
    const delay = (n: number) => (n === 100 ? TEAMS_POLICY.windowMarginMs + 1 : 0);
    const { throttled } = await simulate(300, delay);
    expect(throttled).toBe(1);
  });

  it('gives no 429 when timers fire later than the tolerance: the schedule slips, the spacing holds', async () => {
    const late = (n: number) => (n % 50 === 0 ? 40 : 0);
    const { throttled } = await simulate(1500, () => 30, late);
    expect(throttled).toBe(0);
  });
});
