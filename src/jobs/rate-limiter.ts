import { sleep as defaultSleep, systemClock, type Clock } from '../core/clock';
import type { CallPriority } from '../core/priority';
import { NO_SHARE_RETRY_MS, shareOf } from './paced-limiter';

export interface RateLimiterOptions {
  /** Sustained rate: this many permits per `perMs`. */
  permits: number;
  perMs: number;
  /** Most permits that may be taken at once after a quiet spell. Default: permits (a full window). */
  burst?: number;
  /**
   * Permits background callers leave in the bucket for interactive ones (default 0): a person's call
   * finds them there instead of waiting for the next refill behind a sweep that spends every permit.
   * Costs background work nothing once it runs (the bucket still refills at the full rate).
   */
  reserve?: number;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** This instance's part of the limit, in (0, 1]; rate and burst shrink with it. Default: all. */
  share?: () => number;
}

/**
 * A token bucket shared by everyone calling one target (Partner Center for a partner tenant). Callers
 * `await acquire(priority)` before each request: interactive waiters (a person is waiting) are served
 * before background ones, each kind in call order, and background never takes the last `reserve`
 * permits. `pause(ms)` stops everyone when the target answered 429 with Retry-After, so one throttled
 * answer slows the whole bucket instead of failing callers. Priority only orders who gets the next
 * permit: the bucket, and so the limit, is the same for both.
 *
 * @example
 * const pc = new RateLimiter({ permits: 482, perMs: 60_000, burst: 9, reserve: 3 });
 * await pc.acquire(currentPriority());
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private readonly capacity: number;
  private readonly ratePerMs: number;
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly share?: () => number;
  private rateNow: number;
  private reserveNow: number;
  private readonly waiting: Record<CallPriority, (() => void)[]> = { interactive: [], background: [] };
  private serving = false;
  /** Ends the current wait early: an interactive caller arrived and may not need to wait that long. */
  private kick?: () => void;

  constructor(private readonly options: RateLimiterOptions) {
    if (options.permits <= 0 || options.perMs <= 0) throw new RangeError('rate must be positive');
    this.capacity = options.burst ?? options.permits;
    this.ratePerMs = options.permits / options.perMs;
    this.rateNow = this.ratePerMs;
    this.reserveNow = 0;
    this.share = options.share;
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? ((ms) => defaultSleep(ms));
    this.tokens = this.capacity;
    this.last = this.clock.now().getTime();
  }

  /** Waits for a permit: interactive callers first, then background ones, each in call order. */
  acquire(priority: CallPriority = 'background'): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting[priority].push(resolve);
      if (priority === 'interactive') this.kick?.();
      void this.serve();
    });
  }

  /** Until when (epoch ms) a 429 holds everyone back; in the past when nothing does. */
  pausedUntilMs(): number {
    return this.pausedUntil;
  }

  /** Everyone waits at least this long (a 429 with Retry-After). */
  pause(ms: number): void {
    const until = this.clock.now().getTime() + ms;
    if (until > this.pausedUntil) this.pausedUntil = until;
    // What was saved up before the 429 must not burst out right after it.
    this.tokens = Math.min(this.tokens, 1);
  }

  private refill(now: number): void {
    const share = shareOf(this.share);
    this.rateNow = this.ratePerMs * share;
    // No share (an instance joining, src/coordination/members.ts): nothing saved up, nothing given.
    const capacity = share === 0 ? 0 : Math.max(1, this.capacity * share);
    // A bucket shrunk by the share keeps at least one permit background may take.
    this.reserveNow = Math.min(this.options.reserve ?? 0, Math.max(0, Math.floor(capacity) - 1));
    this.tokens = Math.min(capacity, this.tokens + (now - this.last) * this.rateNow);
    this.last = now;
  }

  /** One loop hands out permits while anyone waits; it sleeps only until the next permit is due. */
  private async serve(): Promise<void> {
    if (this.serving) return;
    this.serving = true;
    try {
      for (;;) {
        const kind = this.waiting.interactive.length > 0 ? 'interactive' : 'background';
        if (this.waiting[kind].length === 0) return;
        const now = this.clock.now().getTime();
        if (now < this.pausedUntil) {
          await this.wait(this.pausedUntil - now);
          continue;
        }
        this.refill(now);
        if (this.rateNow === 0) {
          await this.wait(NO_SHARE_RETRY_MS);
          continue;
        }
        const needed = kind === 'interactive' ? 1 : 1 + this.reserveNow;
        if (this.tokens >= needed) {
          this.tokens -= 1;
          this.waiting[kind].shift()!();
          continue;
        }
        await this.wait(Math.max(1, Math.ceil((needed - this.tokens) / this.rateNow)));
      }
    } finally {
      this.serving = false;
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.kick = resolve;
      void this.sleep(ms).then(resolve, resolve);
    }).finally(() => {
      this.kick = undefined;
    });
  }
}
