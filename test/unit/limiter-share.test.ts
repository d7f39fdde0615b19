import { describe, expect, it } from 'vitest';
import { PacedLimiter } from '../../src/jobs/paced-limiter';
import { partnerCenterLimiter } from '../../src/jobs/partner-center-limiter';
import type { RateLimiter } from '../../src/jobs/rate-limiter';
import { MutableClock } from '../store/mutable-clock';

/** Two instances' limiters on one timeline: sleeping moves the shared clock. */
function timeline() {
  const clock = new MutableClock('2026-01-01T00:00:00Z');
  const sleep = async (ms: number) => {
    clock.advance(ms);
  };
  return { clock, sleep, now: () => clock.now().getTime() };
}

const maxInWindow = (times: number[], windowMs: number) =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

/** Grants of several limiters taken in turn, as instances sending side by side would. */
async function together(limiters: { acquire(): Promise<void> }[], each: number, now: () => number) {
  const times: number[] = [];
  for (let i = 0; i < each; i++) {
    for (const limiter of limiters) {
      await limiter.acquire();
      times.push(now());
    }
  }
  return times.sort((a, b) => a - b);
}

describe('a limit shared by live instances', () => {
  it('keeps two instances at half the Teams pace each, so together they stay within the limit', async () => {
    const t = timeline();
    const half = () => 0.5;
    const options = { permits: 30, windowMs: 1000, marginMs: 24, toleranceMs: 8, ...t, share: half };
    const times = await together([new PacedLimiter(options), new PacedLimiter(options)], 60, t.now);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(30);
    expect(maxInWindow(times, 1000)).toBeGreaterThanOrEqual(28);
  });

  it('keeps two instances within an odd per-conversation limit (7/s) whatever their schedules’ offset', async () => {
    /** One instance's greedy grants on its own timeline, starting `offsetMs` after the other's. */
    const grants = async (offsetMs: number, count: number) => {
      const t = timeline();
      t.clock.advance(offsetMs);
      const limiter = new PacedLimiter({
        permits: 7,
        windowMs: 1000,
        marginMs: 24,
        toleranceMs: 8,
        ...t,
        share: () => 0.5,
      });
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        await limiter.acquire();
        times.push(t.now());
      }
      return times;
    };
    const first = await grants(0, 20);
    for (let offset = 0; offset < 450; offset += 15) {
      const both = [...first, ...(await grants(offset, 20))].sort((a, b) => a - b);
      expect(maxInWindow(both, 1000), `offset ${offset} ms`).toBeLessThanOrEqual(7);
    }
    // Each paces at 3 a second (not 3.5): 20 grants take more than six seconds.
    expect(first.at(-1)! - first[0]!).toBeGreaterThan(6000);
  });

  it('keeps two instances within one Partner Center budget per minute, and goes back to all of it alone', async () => {
    const t = timeline();
    let live = 2;
    const share = () => 1 / live;
    const limiters: RateLimiter[] = [1, 2].map(() => partnerCenterLimiter(500, t.clock, t.sleep, share));
    const times = await together(limiters, 600, t.now);
    expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(500);
    live = 1;
    const start = t.now();
    const alone = await together([limiters[0]!], 900, t.now);
    expect(maxInWindow(alone, 60_000)).toBeGreaterThan(400);
    expect(maxInWindow(alone, 60_000)).toBeLessThanOrEqual(500);
    expect(alone[0]).toBeGreaterThanOrEqual(start);
  });
});
