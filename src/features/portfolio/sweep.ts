import type { Services } from '../../core/context';
import { isAppError, type AppErrorCode } from '../../core/errors';
import type { CustomerSummary } from '../../partner-center/types';
import type { UnknownReason } from '../status';
import { sweepStatus, type StatusSnapshot } from '../status';
import { Pool } from './pool';
import { needsRetry, type PortfolioRow, type SweepProgress, type SweepResult } from './types';

/** Failures that would hit every customer alike: stop at once and tell the partner what to fix. */
const FATAL: readonly AppErrorCode[] = [
  'PC_UNAUTHORIZED',
  'AUTH_TOKEN_FAILED',
  'PC_MFA_REQUIRED',
  'STORE_UNAVAILABLE',
];
const DAY_MS = 86_400_000;

export interface SweepOptions {
  id: string;
  signal?: AbortSignal;
  onProgress?: (progress: SweepProgress) => void;
}

function failedRow(summary: CustomerSummary, reason: UnknownReason, checkedAt: string): PortfolioRow {
  const p = summary.companyProfile;
  return {
    tenantId: summary.id.toLowerCase(),
    companyName: p.companyName,
    domain: p.domain,
    state: 'unknown',
    reason,
    checkedAt,
  };
}

/** Only the report's columns go into the stored sweep (no culture, no relationship details). */
function toRow(s: StatusSnapshot): PortfolioRow {
  const row: PortfolioRow = {
    tenantId: s.tenantId,
    companyName: s.companyName,
    domain: s.domain,
    state: s.state,
    checkedAt: s.checkedAt,
  };
  if (s.country) row.country = s.country;
  if (s.reason) row.reason = s.reason;
  if (s.lastAttestation) row.lastAttestation = s.lastAttestation;
  return row;
}

function reasonOf(err: unknown): UnknownReason {
  if (isAppError(err, 'PC_FORBIDDEN')) return 'permission';
  if (isAppError(err, 'PC_NO_RELATIONSHIP')) return 'no-relationship';
  return 'unavailable';
}

/**
 * Reads the status of every customer: lists them page by page (continuation tokens) while up to
 * `concurrency` customers are checked at once, all under the client's shared rate limiter. Customers
 * Partner Center did not answer for are tried once more at the end, then reported as "cannot tell —
 * retry"; none is dropped. A listing that breaks off yields `complete: false`.
 *
 * @example
 * const result = await runSweep(services, { id: newSweepId(services.clock) });
 */
export async function runSweep(services: Services, options: SweepOptions): Promise<SweepResult> {
  const { clock, log, portfolio } = services;
  const startedAt = clock.now().toISOString();
  const progress: SweepProgress = { checked: 0, listed: 0, listingDone: false, startedAt };
  // Ids in listing order and one compact row each: the listed summaries themselves (full company
  // profiles) are kept only for customers that need the second try, not for the whole portfolio.
  const rows = new Map<string, PortfolioRow>();
  const listed = new Set<string>();
  const toRetry = new Map<string, CustomerSummary>();
  const stats = { fromCache: 0, read: 0, retried: 0 };
  const pool = new Pool(portfolio.concurrency);
  const acceptedMs = portfolio.acceptedCacheDays * DAY_MS;

  const check = async (summary: CustomerSummary, counted: boolean): Promise<void> => {
    let row: PortfolioRow;
    try {
      const { snapshot, fromCache } = await sweepStatus(services, summary, acceptedMs);
      row = toRow(snapshot);
      stats[fromCache ? 'fromCache' : 'read']++;
    } catch (err) {
      if (isAppError(err) && FATAL.includes(err.code)) throw err;
      row = failedRow(summary, reasonOf(err), clock.now().toISOString());
      log.warn({ code: isAppError(err) ? err.code : 'INTERNAL', customer: summary.id }, 'sweep read failed');
    }
    rows.set(row.tenantId, row);
    if (needsRetry(row)) toRetry.set(row.tenantId, summary);
    else toRetry.delete(row.tenantId);
    if (counted) progress.checked++;
    options.onProgress?.(progress);
  };

  let complete = true;
  try {
    for await (const page of services.partnerCenter.listCustomers({ signal: options.signal })) {
      // A summary seen on an earlier page (the list changed while paging) is checked once.
      const fresh: CustomerSummary[] = [];
      for (const summary of page) {
        const id = summary.id.toLowerCase();
        if (!listed.has(id)) fresh.push(summary);
        listed.add(id);
      }
      progress.listed += fresh.length;
      for (const summary of fresh) await pool.run(() => check(summary, true));
    }
  } catch (err) {
    if (options.signal?.aborted || (isAppError(err) && FATAL.includes(err.code))) {
      // Let the checks under way finish before the store may close.
      await pool.drain().catch(() => undefined);
      throw err;
    }
    complete = false;
    log.warn(
      { code: isAppError(err) ? err.code : 'INTERNAL', listed: listed.size },
      'customer list broke off',
    );
  }
  progress.listingDone = true;
  await pool.drain();

  // One more try for those Partner Center did not answer, after everyone else had their turn.
  for (const summary of [...toRetry.values()]) {
    stats.retried++;
    await pool.run(() => check(summary, false));
  }
  await pool.drain();

  return {
    id: options.id,
    tenantId: services.partner.tenantId,
    startedAt,
    finishedAt: clock.now().toISOString(),
    complete,
    // Listing order, so equal inputs give equal results.
    rows: [...listed].map((id) => rows.get(id)).filter((r): r is PortfolioRow => r !== undefined),
    stats,
  };
}
