import { escapeMarkdown } from '../../cards/escape';
import { countryName, formatDate, formatDateTime } from '../../cards/format';
import { stringsFor, t, type LocaleKey, type Strings } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { ALL_STATES, type PortfolioView } from './portfolio-view';
import { formatCount } from './progress-card';
import { needsRetry, type PortfolioFilter, type PortfolioRow } from './types';
import { STATE_LABEL, type UnknownReason } from '../status';

export interface PortfolioCardOptions {
  locale: string;
  /** Signed CSV link (15 minutes). Omitted on the digest, which people read hours later. */
  csvUrl?: string;
  /** The digest's title instead of the portfolio's. */
  digest?: boolean;
  /** The portfolio chart (signed PNG link) and its alt text; first page only. */
  chart?: { url: string; alt: string };
}

/** An unknown row's label says why it is unknown. */
const UNKNOWN_REASON_LABEL: Record<UnknownReason, LocaleKey> = {
  'no-relationship': 'portfolio.reason.no-relationship',
  permission: 'portfolio.reason.permission',
  unavailable: 'portfolio.reason.unavailable',
};

/**
 * The label of a row's state as the card and the CSV show it.
 *
 * @example
 * stateLabel({ state: 'unknown', reason: 'unavailable', … }, strings) // "Can't tell — retry"
 */
export function stateLabel(row: Pick<PortfolioRow, 'state' | 'reason'>, s: Strings): string {
  if (row.state === 'unknown' && row.reason) return t(s, UNKNOWN_REASON_LABEL[row.reason]);
  return t(s, STATE_LABEL[row.state]);
}

function scope(filter: PortfolioFilter, s: Strings, locale: string): string {
  const parts = [
    filter.country ? (countryName(filter.country, locale) ?? filter.country) : '',
    filter.state ? t(s, STATE_LABEL[filter.state]) : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : t(s, 'portfolio.scope.all');
}

/** Card data for Next, Previous and Status: everything needed to recompute the page from the stored sweep. */
function pageData(view: PortfolioView, page: number): Record<string, unknown> {
  return { sweepId: view.sweep.id, page, country: view.filter.country ?? '', state: view.filter.state ?? '' };
}

/**
 * The result card: counts per state, then the customers needing action, ten per page.
 *
 * @example
 * renderPortfolioCard(portfolioView(sweep, filter, 0), { locale, csvUrl: links.portfolioCsv(sweep.id, filter) })
 */
export function renderPortfolioCard(view: PortfolioView, options: PortfolioCardOptions): AdaptiveCard {
  const { locale } = options;
  const s = stringsFor(locale);
  const { sweep, filter } = view;
  const retries = view.action.filter(needsRetry).length;
  const warnings = [
    sweep.complete ? '' : t(s, 'portfolio.incomplete', { total: formatCount(sweep.rows.length, locale) }),
    retries > 0 ? t(s, 'portfolio.retryNote', { count: formatCount(retries, locale) }) : '',
  ];
  return renderTemplate('portfolio', locale, {
    title: options.digest
      ? t(s, 'portfolio.digest.title', { date: formatDate(sweep.finishedAt, locale) })
      : t(s, 'portfolio.title'),
    subtitle: t(s, 'portfolio.subtitle', {
      scope: scope(filter, s, locale),
      total: formatCount(view.total, locale),
      time: formatDateTime(sweep.finishedAt, locale),
    }),
    warning: warnings.filter(Boolean).join(' '),
    counts: ALL_STATES.map((state) => ({
      title: t(s, STATE_LABEL[state]),
      value: formatCount(view.counts[state], locale),
    })),
    actionTitle: t(s, 'portfolio.needAction', { count: formatCount(view.action.length, locale) }),
    empty: view.action.length === 0 ? t(s, 'portfolio.nothingToDo') : '',
    rows: view.rows.map((row) => ({
      companyName: escapeMarkdown(row.companyName, 120),
      detail: t(s, 'portfolio.detail', {
        domain: escapeMarkdown(row.domain, 120),
        country: countryName(row.country, locale) ?? t(s, 'portfolio.unknownCountry'),
        state: stateLabel(row, s),
      }),
      statusData: { ...pageData(view, view.page), tenantId: row.tenantId },
    })),
    pageText: view.pages > 1 ? t(s, 'portfolio.page', { page: view.page + 1, pages: view.pages }) : '',
    hasPrevious: view.page > 0,
    previousData: pageData(view, view.page - 1),
    hasNext: view.page + 1 < view.pages,
    nextData: pageData(view, view.page + 1),
    pageData: pageData(view, view.page),
    csvUrl: options.csvUrl ?? '',
    chartUrl: options.chart?.url ?? '',
    chartAlt: options.chart?.alt ?? '',
  });
}
