import type { StatusSnapshot } from '../status';

/**
 * One customer in a portfolio report: what the partner already sees in Partner Center (company,
 * domain, tenant id, country, state, dates) and nothing personal.
 */
export type PortfolioRow = Pick<
  StatusSnapshot,
  'tenantId' | 'companyName' | 'domain' | 'country' | 'state' | 'reason' | 'lastAttestation' | 'checkedAt'
>;

/** A finished sweep, stored once and never changed: every page and CSV is computed from it. */
export interface SweepResult {
  id: string;
  /** The partner tenant whose customers were swept. */
  tenantId: string;
  startedAt: string;
  finishedAt: string;
  /** False when Partner Center stopped answering while listing customers: rows cover part of the portfolio. */
  complete: boolean;
  rows: PortfolioRow[];
  /** Customers answered from the status cache vs read from Partner Center. */
  stats: { fromCache: number; read: number; retried: number };
}

export interface SweepProgress {
  /** Customers whose status is known (or failed for good). */
  checked: number;
  /** Customers listed so far; the total once `listingDone`. */
  listed: number;
  listingDone: boolean;
  startedAt: string;
}

/** A row the partner must act on: "cannot tell" rows included, so nothing is silently dropped. */
export const ACTION_STATES = ['not-accepted', 'reacceptance-required', 'unknown'] as const;
export type ActionState = (typeof ACTION_STATES)[number];

export interface PortfolioFilter {
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  state?: ActionState;
}

/** Partner Center did not answer for this customer, even after retries: "cannot tell — retry". */
export function needsRetry(row: PortfolioRow): boolean {
  return row.state === 'unknown' && row.reason === 'unavailable';
}
