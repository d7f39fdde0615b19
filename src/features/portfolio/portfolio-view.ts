import { AppError } from '../../core/errors';
import type { AgreementState } from '../status';
import { ACTION_STATES, type PortfolioFilter, type PortfolioRow, type SweepResult } from './types';

const PAGE_SIZE = 10;
export const ALL_STATES: readonly AgreementState[] = [
  'accepted-attested',
  'accepted-directly',
  'reacceptance-required',
  'not-accepted',
  'unknown',
];

/** One page of a stored sweep, as the card and the CSV show it. */
export interface PortfolioView {
  sweep: SweepResult;
  filter: PortfolioFilter;
  /** Customers per state within the filter's country. */
  counts: Record<AgreementState, number>;
  /** Customers in the filter's country. */
  total: number;
  /** Every customer needing action under the filter, in display order. */
  action: PortfolioRow[];
  page: number;
  pages: number;
  rows: PortfolioRow[];
}

const order = (state: string): number => (ACTION_STATES as readonly string[]).indexOf(state);
const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * The customers needing action, in a fixed order (state, then company, then tenant id) so that
 * page N is the same for everyone and the CSV lists exactly what the pages list.
 *
 * @example
 * actionRows(sweep, { country: 'DE' }).length
 */
export function actionRows(sweep: SweepResult, filter: PortfolioFilter): PortfolioRow[] {
  return sweep.rows
    .filter((r) => order(r.state) >= 0)
    .filter((r) => !filter.country || r.country === filter.country)
    .filter((r) => !filter.state || r.state === filter.state)
    .sort(
      (a, b) =>
        order(a.state) - order(b.state) ||
        byName.compare(a.companyName, b.companyName) ||
        a.tenantId.localeCompare(b.tenantId),
    );
}

/**
 * Builds page `page` (0-based); a page that does not exist is a clear INPUT_INVALID.
 *
 * @example
 * const view = portfolioView(sweep, { state: 'not-accepted' }, 0);
 * view.rows.length // at most PAGE_SIZE
 */
export function portfolioView(sweep: SweepResult, filter: PortfolioFilter, page: number): PortfolioView {
  const inCountry = sweep.rows.filter((r) => !filter.country || r.country === filter.country);
  const counts = Object.fromEntries(ALL_STATES.map((s) => [s, 0])) as Record<AgreementState, number>;
  for (const row of inCountry) counts[row.state]++;
  const action = actionRows(sweep, filter);
  const pages = Math.max(1, Math.ceil(action.length / PAGE_SIZE));
  if (!Number.isInteger(page) || page < 0 || page >= pages) {
    throw new AppError(
      'INPUT_INVALID',
      `This report has ${pages} page${pages === 1 ? '' : 's'}; there is no page ${Number.isFinite(page) ? page + 1 : '?'}. Use Next and Previous on the card, or type pending again.`,
    );
  }
  const rows = action.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  return { sweep, filter, counts, total: inCountry.length, action, page, pages, rows };
}
