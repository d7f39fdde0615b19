import type { FeatureContext, Reply, Services } from '../../core/context';
import { AppError } from '../../core/errors';
import { renderPortfolioCard } from './portfolio-card';
import { portfolioChartAlt } from './portfolio-chart';
import { portfolioView } from './portfolio-view';
import type { PortfolioFilter, SweepResult } from './types';

/**
 * A page of a stored sweep as the reply to `pending`, Next/Previous or Status, with a fresh
 * 15-minute CSV link for the same filter, and the chart on the first page.
 */
export async function portfolioReply(
  ctx: FeatureContext,
  sweep: SweepResult,
  filter: PortfolioFilter,
  page: number,
): Promise<Reply> {
  const view = portfolioView(sweep, filter, page);
  const csvUrl = ctx.services.links.portfolioCsv(sweep.id, filter);
  const chart = await chartFor(ctx.services, sweep, filter, page, ctx.locale);
  return { card: renderPortfolioCard(view, { locale: ctx.locale, csvUrl, chart }) };
}

/**
 * The chart's link and alt text for a card: on the first page, for the whole portfolio (it counts
 * every customer, so a card narrowed to one country shows none).
 */
export async function chartFor(
  services: Services,
  sweep: SweepResult,
  filter: PortfolioFilter,
  page: number,
  locale: string,
): Promise<{ url: string; alt: string } | undefined> {
  if (page !== 0 || filter.country) return undefined;
  return {
    url: services.links.portfolioChart(sweep.id, locale),
    alt: await portfolioChartAlt(services, sweep, locale),
  };
}

/** The page number in card data (user-controlled): a small whole number or nothing. */
export function pageFrom(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,6}$/.test(value)) return Number(value);
  throw new AppError('INPUT_INVALID', 'This card names no valid page. Type pending for a fresh report.');
}
