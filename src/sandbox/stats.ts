import type { RequestLogEntry, SandboxStats } from './types';
import { WindowCounter, windowStart } from './window';

/** Request log entries kept; older ones are dropped so long benchmarks stay bounded. */
const REQUEST_LOG_LIMIT = 5_000;
const WINDOW_HISTORY_LIMIT = 1_440;

function emptyState() {
  return {
    log: [] as RequestLogEntry[],
    totalRequests: 0,
    byRoute: {} as Record<string, number>,
    byStatus: {} as Record<string, number>,
    throttled: 0,
    faultsApplied: 0,
    windows: [] as { start: number; requests: number }[],
    maxPerMinute: 0,
    perCustomer: new WindowCounter(),
    maxPerCustomerPerMinute: 0,
  };
}

/** Counts what clients sent, so tests can assert on their manners (ids, rates, retries). */
export class StatsRecorder {
  private s = emptyState();

  /** Records an arriving /v1 request; `finish` sets its status when the sandbox answers. */
  begin(entry: Omit<RequestLogEntry, 'status'>, nowMs: number): RequestLogEntry {
    const s = this.s;
    const logged: RequestLogEntry = { ...entry, status: 'pending' };
    s.log.push(logged);
    // Trim in batches: amortised O(1) instead of an O(n) shift per request.
    if (s.log.length > 2 * REQUEST_LOG_LIMIT) s.log = s.log.slice(-REQUEST_LOG_LIMIT);
    s.totalRequests++;
    s.byRoute[entry.routeKey] = (s.byRoute[entry.routeKey] ?? 0) + 1;
    this.countWindow(nowMs);
    if (entry.customerId !== undefined) {
      const n = s.perCustomer.increment(entry.customerId, nowMs);
      s.maxPerCustomerPerMinute = Math.max(s.maxPerCustomerPerMinute, n);
    }
    return logged;
  }

  finish(entry: RequestLogEntry, status: RequestLogEntry['status'], fault: boolean): void {
    entry.status = status;
    const key = String(status);
    this.s.byStatus[key] = (this.s.byStatus[key] ?? 0) + 1;
    if (status === 429) this.s.throttled++;
    if (fault) this.s.faultsApplied++;
  }

  requestLog(): RequestLogEntry[] {
    return this.s.log.slice(-REQUEST_LOG_LIMIT).map((e) => ({ ...e }));
  }

  snapshot(): SandboxStats {
    const s = this.s;
    return {
      totalRequests: s.totalRequests,
      byRoute: { ...s.byRoute },
      byStatus: { ...s.byStatus },
      throttled: s.throttled,
      faultsApplied: s.faultsApplied,
      perMinute: s.windows.map((w) => ({
        windowStart: new Date(w.start).toISOString(),
        requests: w.requests,
      })),
      maxPerMinute: s.maxPerMinute,
      maxPerCustomerPerMinute: s.maxPerCustomerPerMinute,
    };
  }

  clear(): void {
    this.s = emptyState();
  }

  private countWindow(nowMs: number): void {
    const start = windowStart(nowMs);
    let last = this.s.windows.at(-1);
    if (!last || last.start !== start) {
      last = { start, requests: 0 };
      this.s.windows.push(last);
      if (this.s.windows.length > WINDOW_HISTORY_LIMIT) this.s.windows.shift();
    }
    last.requests++;
    this.s.maxPerMinute = Math.max(this.s.maxPerMinute, last.requests);
  }
}
