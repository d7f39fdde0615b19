import { sleep as defaultSleep, systemClock, type Clock } from '../core/clock';

export interface PacedLimiterOptions {
  /** At most this many grants in any window of `windowMs`… */
  permits: number;
  windowMs: number;
  /**
   * …plus this much spacing: grants are counted when we send, the target counts arrivals, and the
   * margin absorbs the difference in delay between two requests (network, event loop).
   */
  marginMs: number;
  /**
   * A grant that comes this late (a timer firing late) keeps its slot instead of pushing every later
   * grant back; must be smaller than the margin.
   */
  toleranceMs?: number;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /**
   * This instance's part of the limit, in (0, 1] (several instances share one limit: 1/N each, see
   * src/coordination/members.ts). Read at every grant. Default: all of it. The instance paces at
   * floor(permits × share) whole grants per window (at least 1): N instances with independent
   * schedules each fit that many into any window, so a fractional part (7 / 2 = 3.5) would let
   * two of them reach 4 + 4. Together they stay within `permits` while N ≤ permits.
   */
  share?: () => number;
}

/**
 * Evenly spaced grants on a fixed schedule (the "virtual scheduling" form of a token bucket, GCRA):
 * one every (window + margin) / permits. Any permits + 1 grants therefore span more than the
 * window plus (margin − tolerance), so no window on the target's side — sliding or fixed — sees too
 * many, even when requests leave a little unevenly. A bucket that saves up a burst would not: the
 * burst leaves spread out by our own processing and spills into the next window. Late timers within
 * the tolerance cost no throughput, because the schedule, not the late grant, sets the next slot.
 *
 * @example
 * const tenant = new PacedLimiter({ permits: 30, windowMs: 1000, marginMs: 30, toleranceMs: 10 });
 * await tenant.acquire();
 */
export class PacedLimiter {
  private readonly intervalMs: number;
  /**
   * Requests taken with `acquireSlot`, earliest end first: `answeredAt` is their answer time, or
   * their grant + `SLOT_HOLD_MAX_MS` while they are out (a request that hangs must not hold its slot
   * for ever).
   */
  private readonly slots: { answeredAt: number }[] = [];
  private answered: () => void = () => undefined;
  private next = 0;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: PacedLimiterOptions) {
    if (options.permits < 1 || options.windowMs <= 0) throw new RangeError('limit must be positive');
    if ((options.toleranceMs ?? 0) > options.marginMs)
      throw new RangeError('tolerance must not exceed margin');
    this.intervalMs = (options.windowMs + options.marginMs) / options.permits;
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? ((ms) => defaultSleep(ms));
  }

  /** Waits for a grant. Grants are handed out in call order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.take()).then(() => undefined);
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Like `acquire`, and the request's slot stays counted until `answered()` is called and a window
   * after that: a grant waits while `permits` (this instance's part) requests are out or were
   * answered within the last window. The target counts a request when it arrives, which is after we
   * send it and before we hear its answer, so however unevenly requests travel (a stalled event
   * loop, a slow network), no window on the target's side sees more than `permits` of ours. The
   * cost is the round trip: each slot comes round once per (window + its round trip). Those slots
   * are the safety here, so the schedule only spreads requests out (window / permits apart, no
   * margin), and a lane held up by one slow answer catches up as soon as the next slot frees rather
   * than restarting its schedule from the late grant (`SLOT_CATCH_UP_MS`).
   *
   * @example
   * const answered = await limiter.acquireSlot();
   * try { await send(); } finally { answered(); }
   */
  async acquireSlot(): Promise<() => void> {
    const turn = this.queue.then(() => this.takeSlot());
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  private async takeSlot(): Promise<() => void> {
    for (;;) {
      const scheduled = await this.take(true);
      const now = this.clock.now().getTime();
      const windowMs = this.options.windowMs;
      while (this.slots.length > 0 && this.slots[0]!.answeredAt <= now - windowMs) this.slots.shift();
      const mine = this.permitsFor(shareOf(this.options.share));
      if (this.slots.length < mine) {
        const slot = { answeredAt: now + SLOT_HOLD_MAX_MS };
        this.slots.push(slot);
        this.slots.sort((a, b) => a.answeredAt - b.answeredAt);
        let out = true;
        return () => {
          if (!out) return;
          out = false;
          slot.answeredAt = Math.min(slot.answeredAt, this.clock.now().getTime());
          this.slots.sort((a, b) => a.answeredAt - b.answeredAt);
          this.answered();
        };
      }
      // Full: wait until the earliest slot leaves the window, or for an answer that frees one sooner.
      const earliest = this.slots[0]!.answeredAt;
      const heard = new Promise<void>((resolve) => (this.answered = resolve));
      // (Looks again at least once a window, so no long timer outlives an answer that came first.)
      await Promise.race([this.sleep(Math.min(earliest + windowMs - now + 1, windowMs)), heard]);
      // The schedule slot taken above is given back, so the time the lane waited for a slow answer is
      // caught up on (within SLOT_CATCH_UP_MS) instead of pushing every later grant back.
      this.next = Math.min(this.next, scheduled);
    }
  }

  /** Nobody is granted anything for `ms` (the target asked everyone to wait). */
  pause(ms: number): void {
    const until = this.clock.now().getTime() + ms;
    if (until > this.pausedUntil) this.pausedUntil = until;
    // After the pause the schedule starts again from its end: no catching up on the paused time.
    if (until > this.next) this.next = until;
  }

  private permitsFor(share: number): number {
    if (share >= 1) return this.options.permits;
    return Math.max(1, Math.floor(this.options.permits * share + 1e-9));
  }

  private intervalFor(share: number): number {
    if (share >= 1) return this.intervalMs;
    return (this.options.windowMs + this.options.marginMs) / this.permitsFor(share);
  }

  /**
   * The schedule. For `acquire` it is the safety: (window + margin) / permits apart, late timers
   * within the tolerance keep their slot. For `acquireSlot` the held slots are the safety, so the
   * schedule only spreads the requests out: window / permits apart, and a grant held back by a full
   * lane (a slow answer) does not push every later grant back — the lane catches up by up to
   * `SLOT_CATCH_UP_MS`, as soon as the next slot frees, instead of losing that time for good.
   */
  private async take(slots = false): Promise<number> {
    for (;;) {
      const now = this.clock.now().getTime();
      const wait = Math.max(this.pausedUntil, this.next) - now;
      if (wait > 0) {
        await this.sleep(wait);
        continue;
      }
      const share = shareOf(this.options.share);
      if (share === 0) {
        await this.sleep(NO_SHARE_RETRY_MS);
        continue;
      }
      // Invariant: slot ≤ grant ≤ slot + tolerance, and slots are at least one interval apart.
      const tolerance = slots ? SLOT_CATCH_UP_MS : (this.options.toleranceMs ?? 0);
      const slot = Math.max(this.next, now - tolerance);
      this.next = slot + (slots ? this.options.windowMs / this.permitsFor(share) : this.intervalFor(share));
      return slot;
    }
  }
}

/**
 * A share as a usable fraction: 0 means "hold on" (an instance joining, see
 * src/coordination/members.ts); anything odd (NaN, < 0, > 1) counts as the whole limit or a sliver.
 */
export function shareOf(share: (() => number) | undefined): number {
  const value = share ? share() : 1;
  if (value === 0) return 0;
  return Number.isFinite(value) && value > 0 ? Math.min(1, Math.max(0.01, value)) : 1;
}

/**
 * The longest a request taken with `acquireSlot` counts as out: one that has had no answer after a
 * minute is treated as answered then (a hung connection must not close a tenant's lane for good).
 */
export const SLOT_HOLD_MAX_MS = 60_000;

/**
 * How far a lane of `acquireSlot` requests may fall behind its even schedule and then catch up
 * (a few requests closer together than window / permits, each only when a slot is free).
 */
export const SLOT_CATCH_UP_MS = 250;

/** How long a limiter with no share waits before it asks again. */
export const NO_SHARE_RETRY_MS = 100;
