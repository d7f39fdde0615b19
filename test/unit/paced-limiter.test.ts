import { describe, expect, it } from 'vitest';
import { PacedLimiter, SLOT_HOLD_MAX_MS } from '../../src/jobs/paced-limiter';
import { MutableClock } from '../store/mutable-clock';

/** A clock that sleeping moves, plus optional lateness for each wake-up. */
function timeline(lateMs: (n: number) => number = () => 0) {
  const clock = new MutableClock('2026-01-01T00:00:00Z');
  let wakes = 0;
  const sleep = async (ms: number) => {
    clock.advance(ms + lateMs(wakes++));
  };
  return { clock, sleep, now: () => clock.now().getTime() };
}

async function grants(limiter: PacedLimiter, count: number, now: () => number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    await limiter.acquire();
    times.push(now());
  }
  return times;
}

const maxInWindow = (times: number[], windowMs: number) =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));

describe('evenly paced sends', () => {
  it('never lets permits + 1 grants into one window, so no burst reaches Teams', async () => {
    const t = timeline();
    const limiter = new PacedLimiter({ permits: 30, windowMs: 1000, marginMs: 24, toleranceMs: 8, ...t });
    const times = await grants(limiter, 200, t.now);
    expect(maxInWindow(times, 1000)).toBe(30);
    expect(times[30]! - times[0]!).toBeGreaterThanOrEqual(1016);
    // …and keeps the pace: 200 grants in 199 intervals of 1024/30 ms.
    expect(Math.abs(times.at(-1)! - times[0]! - (199 * 1024) / 30)).toBeLessThan(10);
  });

  it('keeps its schedule when a timer fires late within the tolerance, still without a burst', async () => {
    const t = timeline((n) => (n % 3 === 0 ? 7 : 0));
    const limiter = new PacedLimiter({ permits: 30, windowMs: 1000, marginMs: 24, toleranceMs: 8, ...t });
    const times = await grants(limiter, 300, t.now);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(30);
    expect(times.at(-1)! - times[0]!).toBeLessThan((299 * 1024) / 30 + 10);
  });

  it('lets nobody through while paused (a tenant-wide 429)', async () => {
    const t = timeline();
    const limiter = new PacedLimiter({ permits: 7, windowMs: 1000, marginMs: 24, ...t });
    await limiter.acquire();
    const start = t.now();
    limiter.pause(1000);
    await limiter.acquire();
    expect(t.now() - start).toBeGreaterThanOrEqual(1000);
  });

  it('refuses a tolerance larger than the margin it would eat', () => {
    expect(() => new PacedLimiter({ permits: 7, windowMs: 1000, marginMs: 5, toleranceMs: 10 })).toThrow(
      RangeError,
    );
  });
});

describe('permits held until the answer is back (acquireSlot)', () => {
  /**
   * Sends 600 requests one after another through a 30-a-second limiter. Each request travels 0–5 ms,
   * one in twenty stalls 60–180 ms on its way (a busy event loop, a slow network), and its answer
   * comes 0–10 ms after it arrived. Returns when each one arrived where Teams counts it.
   */
  async function arrivals(
    mode: 'slot' | 'schedule',
    delays?: { travel(random: () => number): number; answer(random: () => number): number },
  ): Promise<number[]> {
    const clock = new MutableClock('2026-01-01T00:00:00Z');
    const now = () => clock.now().getTime();
    const out: { at: number; answered: () => void }[] = [];
    const answerNext = () => {
      out.sort((a, b) => a.at - b.at);
      const next = out.shift()!;
      if (next.at > now()) clock.advance(next.at - now());
      next.answered();
    };
    const sleep = async (ms: number) => {
      const until = now() + ms;
      while (out.length > 0 && Math.min(...out.map((o) => o.at)) <= until) answerNext();
      if (until > now()) clock.advance(until - now());
    };
    const limiter = new PacedLimiter({
      permits: 30,
      windowMs: 1000,
      marginMs: 24,
      toleranceMs: 8,
      clock,
      sleep,
    });
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const arrived: number[] = [];
    for (let i = 0; i < 600; i++) {
      let granted: (() => void) | undefined;
      const taking =
        mode === 'slot'
          ? limiter.acquireSlot().then((answered) => (granted = answered))
          : limiter.acquire().then(() => (granted = () => undefined));
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (granted) break;
        answerNext(); // the limiter waits for an answer: the earliest one comes in
      }
      await taking;
      const travel = delays ? delays.travel(random) : random() < 0.05 ? 60 + random() * 120 : random() * 5;
      const at = now() + travel;
      arrived.push(at);
      out.push({ at: at + (delays ? delays.answer(random) : random() * 10), answered: granted });
    }
    return arrived;
  }

  it('never lets permits + 1 requests arrive in one window, however unevenly they travel', async () => {
    const arrived = await arrivals('slot');
    expect(maxInWindow(arrived, 1000)).toBeLessThanOrEqual(30);
    // The pace is still the schedule's whenever answers come back in time: 600 in about 20.5 s.
    expect(arrived.at(-1)! - arrived[0]!).toBeLessThan((599 * 1024) / 30 + 3000);
  });

  it('a slow answer delays only its own slot: the lane catches up instead of falling behind for good', async () => {
    // Teams answers in 30 ms, one answer in ten takes 90 ms: 36 ms on average. Each slot comes round
    // once per (1 s + its round trip), so 600 requests take about 599 / 30 × 1,037 ms (0.99 of that
    // here, the first 30 being free). A schedule that restarts after every slow answer loses its
    // extra 60 ms for good: 1.023 of it (the limiter before this change).
    const arrived = await arrivals('slot', {
      travel: (random) => random() * 2,
      answer: (random) => (random() < 0.1 ? 90 : 30),
    });
    expect(maxInWindow(arrived, 1000)).toBeLessThanOrEqual(30);
    const ideal = (599 / 30) * (1000 + 1 + 36);
    expect((arrived.at(-1)! - arrived[0]!) / ideal).toBeLessThan(1.01);
  });

  it('is what makes the difference: the schedule alone lets a stalled request share a window', async () => {
    const arrived = await arrivals('schedule');
    expect(maxInWindow(arrived, 1000)).toBeGreaterThan(30);
  });
});

describe('a request that never gets its answer', () => {
  it('holds its slot for at most SLOT_HOLD_MAX_MS, so a hung connection cannot close the lane for good', async () => {
    const clock = new MutableClock('2026-01-01T00:00:00Z');
    const sleep = async (ms: number) => void clock.advance(ms);
    const limiter = new PacedLimiter({ permits: 2, windowMs: 1000, marginMs: 24, clock, sleep });
    const start = clock.now().getTime();
    await limiter.acquireSlot(); // never answered
    await limiter.acquireSlot(); // never answered
    await limiter.acquireSlot();
    const waited = clock.now().getTime() - start;
    expect(waited).toBeGreaterThan(SLOT_HOLD_MAX_MS + 1000);
    expect(waited).toBeLessThan(SLOT_HOLD_MAX_MS + 1100);
  });
});
