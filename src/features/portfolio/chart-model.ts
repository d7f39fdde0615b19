import { formatDate } from '../../cards/format';
import { resolveLanguage, stringsFor, t } from '../../cards/i18n';
import type { AgreementState } from '../status';
import type { ChartInput } from './chart-svg';
import { ALL_STATES } from './portfolio-view';
import { acceptedShare, type SweepSummary } from './sweep-history';
import { STATE_LABEL } from '../status';

/**
 * The bundled font (Roboto) draws Latin, Greek and Cyrillic; the chart of a language in another
 * script is labelled in English, while its alt text and the card around it stay in that language.
 */
const FONT_LANGUAGES: readonly string[] = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt-br'];

/** The language the picture is labelled in for a reader's locale. */
export function chartLocale(locale: string): string {
  return FONT_LANGUAGES.includes(resolveLanguage(locale)) ? locale : 'en';
}

function percentFormat(locale: string): (share: number) => string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  } catch {
    format = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
  }
  return (share) => format.format(share);
}

function counted(counts: Record<AgreementState, number>, locale: string): Record<AgreementState, string> {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale);
  } catch {
    format = new Intl.NumberFormat('en');
  }
  return Object.fromEntries(ALL_STATES.map((s) => [s, format.format(counts[s])])) as Record<
    AgreementState,
    string
  >;
}

/**
 * What the chart of the newest sweep in `history` (oldest first) shows, in the reader's language.
 *
 * @example
 * chartSvg(chartInput(await sweepHistory(services, sweep), 'de-DE'))
 */
export function chartInput(history: readonly SweepSummary[], readerLocale: string): ChartInput {
  const locale = chartLocale(readerLocale);
  const s = stringsFor(locale);
  const newest = history[history.length - 1];
  if (!newest) throw new Error('a chart needs one sweep at least');
  return {
    counts: newest.counts,
    countText: counted(newest.counts, locale),
    labels: Object.fromEntries(ALL_STATES.map((st) => [st, t(s, STATE_LABEL[st])])) as Record<
      AgreementState,
      string
    >,
    titles: {
      states: t(s, 'chart.states'),
      trend: t(s, 'chart.trend'),
      span: t(s, 'chart.trend.span', { count: history.length }),
    },
    trend: history.map((h) => acceptedShare(h.counts)),
    percent: percentFormat(locale),
    firstDate: formatDate(history[0]?.finishedAt ?? newest.finishedAt, locale),
    lastDate: formatDate(newest.finishedAt, locale),
  };
}

/**
 * The chart in words, for screen readers and for anyone whose client does not load the picture.
 *
 * @example
 * chartAltText(history, 'en') // 'Portfolio chart. Customers per state: Accepted (partner attestation) 5, …'
 */
export function chartAltText(history: readonly SweepSummary[], locale: string): string {
  const s = stringsFor(locale);
  const newest = history[history.length - 1];
  const first = history[0];
  if (!newest || !first) return '';
  const counts = counted(newest.counts, locale);
  const percent = percentFormat(locale);
  const states = ALL_STATES.map((st) => `${t(s, STATE_LABEL[st])} ${counts[st]}`).join(', ');
  const trend =
    history.length === 1
      ? t(s, 'chart.alt.now', { last: percent(acceptedShare(newest.counts)) })
      : t(s, 'chart.alt.trend', {
          count: history.length,
          first: percent(acceptedShare(first.counts)),
          firstDate: formatDate(first.finishedAt, locale),
          last: percent(acceptedShare(newest.counts)),
          lastDate: formatDate(newest.finishedAt, locale),
        });
  return `${t(s, 'chart.alt.states', { states })} ${trend}`;
}
