import type { FeatureContext, Reply } from '../../core/context';
import { AppError } from '../../core/errors';
import { renderPortfolioCard } from './portfolio-card';
import { portfolioView } from './portfolio-view';
import type { PortfolioFilter, SweepResult } from './types';

/**
 * A page of a stored sweep as the reply to `pending`, Next/Previous or Status, with a fresh
 * 15-minute CSV link for the same filter.
 */
export function portfolioReply(
  ctx: FeatureContext,
  sweep: SweepResult,
  filter: PortfolioFilter,
  page: number,
): Reply {
  const view = portfolioView(sweep, filter, page);
  const csvUrl = ctx.services.links.portfolioCsv(sweep.id, filter);
  return { card: renderPortfolioCard(view, { locale: ctx.locale, csvUrl }) };
}

/** The page number in card data (user-controlled): a small whole number or nothing. */
export function pageFrom(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,6}$/.test(value)) return Number(value);
  throw new AppError('INPUT_INVALID', 'This card names no valid page. Type pending for a fresh report.');
}
