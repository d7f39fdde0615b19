import { sleep as defaultSleep, systemClock, type Clock } from '../core/clock';
import { shareOf } from './paced-limiter';

export interface RateLimiterOptions {
  /** Sustained rate: this many permits per `perMs`. */
  permits: number;
  perMs: number;
  /** Most permits that may be taken at once after a quiet spell. Default: permits (a full window). */
  burst?: number;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** This instance's part of the limit, in (0, 1]; rate and burst shrink with it. Default: all. */
  share?: () => number;
}

/**
 * A token bucket shared by everyone calling one target (Partner Center, a Teams tenant). Callers
 * `await acquire()` before each request; `pause(ms)` stops everyone when the target answered 429 with
 * Retry-After, so one throttled answer slows the whole bucket instead of failing callers.
 *
 * @example
 * const pc = new RateLimiter({ permits: 500, perMs: 60_000 });
 * await pc.acquire();
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private readonly capacity: number;
  private readonly ratePerMs: number;
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  private queue: Promise<void> = Promise.resolve();
  private readonly share?: () => number;
  private rateNow: number;

  constructor(options: RateLimiterOptions) {
    if (options.permits <= 0 || options.perMs <= 0) throw new RangeError('rate must be positive');
    this.capacity = options.burst ?? options.permits;
    this.ratePerMs = options.permits / options.perMs;
    this.rateNow = this.ratePerMs;
    this.share = options.share;
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? ((ms) => defaultSleep(ms));
    this.tokens = this.capacity;
    this.last = this.clock.now().getTime();
  }

  /** Waits for a permit. Permits are handed out in call order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.take());
    this.queue = turn.catch(() => undefined);
    return turn;
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
    this.tokens = Math.min(
      Math.max(1, this.capacity * share),
      this.tokens + (now - this.last) * this.rateNow,
    );
    this.last = now;
  }

  private async take(): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      if (now < this.pausedUntil) {
        await this.sleep(this.pausedUntil - now);
        continue;
      }
      this.refill(now);
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.max(1, Math.ceil((1 - this.tokens) / this.rateNow)));
    }
  }
}
