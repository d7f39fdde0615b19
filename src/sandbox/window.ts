/** Fixed one-minute windows aligned to the clock's minute, shared by the rate limiter and the stats. */
const WINDOW_MS = 60_000;

export function windowStart(nowMs: number): number {
  return Math.floor(nowMs / WINDOW_MS) * WINDOW_MS;
}

/** Whole seconds until the current window ends, at least 1 (a Retry-After of 0 invites a hot loop). */
export function secondsUntilWindowEnds(nowMs: number): number {
  return Math.max(1, Math.ceil((windowStart(nowMs) + WINDOW_MS - nowMs) / 1000));
}

/** Request counts per key in the current window; keys from older windows start again at zero. */
export class WindowCounter {
  private readonly counts = new Map<string, { start: number; count: number }>();

  get(key: string, nowMs: number): number {
    const c = this.counts.get(key);
    return c && c.start === windowStart(nowMs) ? c.count : 0;
  }

  /** Adds one and returns the new count in the current window. */
  increment(key: string, nowMs: number): number {
    const start = windowStart(nowMs);
    const c = this.counts.get(key);
    if (c && c.start === start) return ++c.count;
    this.counts.set(key, { start, count: 1 });
    return 1;
  }

  clear(): void {
    this.counts.clear();
  }
}
