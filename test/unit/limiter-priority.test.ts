import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallPriority } from '../../src/core/priority';
import { INTERACTIVE_RESERVE, partnerCenterLimiter } from '../../src/jobs/partner-center-limiter';
import { RateLimiter } from '../../src/jobs/rate-limiter';

// Fake timers: the limiter sleeps with setTimeout and reads Date, both on vitest's clock, so the
// figures below are counted on simulated time, never measured on the wall clock.
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

interface Grant {
  at: number;
  kind: CallPriority;
  waitedMs: number;
}

const maxInWindow = (times: number[], windowMs: number) =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

/** `workers` background loops that always want the next permit (a sweep at full speed). */
function sweep(limiter: RateLimiter, workers: number, grants: Grant[], until: number): void {
  for (let w = 0; w < workers; w++) {
    void (async () => {
      while (Date.now() < until) {
        const asked = Date.now();
        await limiter.acquire('background');
        grants.push({ at: Date.now(), kind: 'background', waitedMs: Date.now() - asked });
      }
    })();
  }
}

/** A person's command: `calls` permits at once, every `everyMs`, from `from` on. */
function people(
  limiter: RateLimiter,
  grants: Grant[],
  from: number,
  everyMs: number,
  count: number,
  calls = 3,
) {
  for (let i = 0; i < count; i++) {
    setTimeout(
      () => {
        for (let c = 0; c < calls; c++) {
          const asked = Date.now();
          void limiter.acquire('interactive').then(() => {
            grants.push({ at: Date.now(), kind: 'interactive', waitedMs: Date.now() - asked });
          });
        }
      },
      from + i * everyMs,
    );
  }
}

describe('people first in the Partner Center limiter', () => {
  it('serves an interactive waiter queued after background waiters first', async () => {
    const limiter = new RateLimiter({ permits: 60, perMs: 60_000, burst: 1 });
    const order: string[] = [];
    const asks = ['b1', 'b2', 'b3', 'b4'].map((name) =>
      limiter.acquire('background').then(() => order.push(name)),
    );
    asks.push(limiter.acquire('interactive').then(() => order.push('person')));
    asks.push(limiter.acquire('background').then(() => order.push('b5')));
    asks.push(limiter.acquire('interactive').then(() => order.push('person 2')));
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(asks);
    // b1 took the one permit in the bucket before anyone else asked; then people, then the rest in order.
    expect(order).toEqual(['b1', 'person', 'person 2', 'b2', 'b3', 'b4', 'b5']);
  });

  it('keeps the reserve for people: background leaves it, a person takes it at once', async () => {
    const limiter = new RateLimiter({ permits: 60, perMs: 60_000, burst: 5, reserve: 3 });
    const grants: Grant[] = [];
    sweep(limiter, 4, grants, Date.now() + 10_000);
    await vi.advanceTimersByTimeAsync(0);
    // Out of a full bucket of 5, background got 2 and left 3.
    expect(grants.filter((g) => g.waitedMs === 0)).toHaveLength(2);
    people(limiter, grants, 3_500, 1, 1, 3);
    await vi.advanceTimersByTimeAsync(4_000);
    const person = grants.filter((g) => g.kind === 'interactive');
    expect(person.map((g) => g.waitedMs)).toEqual([0, 0, 0]);
  });

  it('never exceeds the limit in any minute, keeps the sweep above 0.9 of it, and lets people wait at most one refill', async () => {
    const limit = 500;
    const limiter = partnerCenterLimiter(limit);
    const grants: Grant[] = [];
    const start = Date.now();
    sweep(limiter, 8, grants, start + 5 * 60_000);
    // A person's `status` (3 calls) every 2 s for five minutes, and a burst of five people at once.
    people(limiter, grants, 1_000, 2_000, 150);
    people(limiter, grants, 90_000, 1, 5);
    await vi.advanceTimersByTimeAsync(5 * 60_000 + 1_000);

    const times = grants.map((g) => g.at);
    expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(limit);
    const background = grants.filter((g) => g.kind === 'background' && g.at < start + 5 * 60_000).length;
    const interactive = grants.filter((g) => g.kind === 'interactive');
    expect(interactive).toHaveLength(3 * 155);
    // Everyone together uses the sustained rate (limit − two bursts); the sweep all that people leave.
    expect(background / 5 / limit).toBeGreaterThan(0.9 - interactive.length / 5 / limit);
    expect((background + interactive.length) / 5 / limit).toBeGreaterThan(0.95);
    // The sweep never stops people: the steady `status` calls find the reserve; the five at once
    // wait for refills (one every 60 s / 482), never behind the sweep's queue.
    const refillMs = 60_000 / (limit - 2 * Math.ceil(limit / 60));
    const steady = interactive.filter((g) => g.at - start < 90_000 || g.at - start > 95_000);
    expect(Math.max(...steady.map((g) => g.waitedMs))).toBe(0);
    expect(Math.max(...interactive.map((g) => g.waitedMs))).toBeLessThanOrEqual(
      Math.ceil((5 * 3 - INTERACTIVE_RESERVE) * refillMs) + 1,
    );
  });

  it('keeps two instances within one budget, each serving its own people first', async () => {
    const limit = 500;
    const share = () => 0.5;
    const instances = [
      partnerCenterLimiter(limit, undefined, undefined, share),
      partnerCenterLimiter(limit, undefined, undefined, share),
    ];
    const grants: Grant[][] = [[], []];
    const start = Date.now();
    instances.forEach((limiter, i) => {
      sweep(limiter, 8, grants[i]!, start + 3 * 60_000);
      people(limiter, grants[i]!, 1_000 + i * 700, 3_000, 55);
    });
    await vi.advanceTimersByTimeAsync(3 * 60_000 + 1_000);

    const all = grants.flat();
    expect(
      maxInWindow(
        all.map((g) => g.at),
        60_000,
      ),
    ).toBeLessThanOrEqual(limit);
    expect(all.length / 3 / limit).toBeGreaterThan(0.93);
    for (const mine of grants) {
      const people = mine.filter((g) => g.kind === 'interactive');
      expect(people).toHaveLength(3 * 55);
      // Half a bucket (5) keeps a reserve of 3: a person's three calls wait for nobody.
      expect(Math.max(...people.map((g) => g.waitedMs))).toBe(0);
    }
  });
});
