import { formatDateTime } from '../../cards/format';
import { perLocale } from '../../cards/intl-cache';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import type { SweepProgress } from './types';

/**
 * Locale-formatted count ("1,200", "1.200").
 *
 * @example
 * formatCount(1200, 'de-DE') // '1.200'
 */
const countFormat = perLocale((locale) => new Intl.NumberFormat(locale));

export function formatCount(n: number, locale: string): string {
  try {
    return countFormat(locale).format(n);
  } catch {
    return String(n);
  }
}

/**
 * "Checked 340 of 1,200 customers": shown at once and edited in place while the sweep runs.
 *
 * @example
 * renderProgressCard(handle.progress(), 'en-US', { joined: handle.joined })
 */
export function renderProgressCard(
  progress: SweepProgress,
  locale: string,
  options: { joined: boolean },
): AdaptiveCard {
  const s = stringsFor(locale);
  const checked = formatCount(progress.checked, locale);
  const listed = formatCount(progress.listed, locale);
  return renderTemplate('portfolio-progress', locale, {
    title: t(s, 'portfolio.progress.title'),
    progress:
      progress.listed === 0 && !progress.listingDone
        ? t(s, 'portfolio.progress.starting')
        : progress.listingDone
          ? t(s, 'portfolio.progress.checked', { checked, total: listed })
          : t(s, 'portfolio.progress.listing', { checked, listed }),
    note: options.joined
      ? t(s, 'portfolio.progress.joined', { time: formatDateTime(progress.startedAt, locale) })
      : t(s, 'portfolio.progress.note'),
  });
}
