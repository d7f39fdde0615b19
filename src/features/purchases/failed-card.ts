import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';

/** One dead-lettered job as the `failed` card lists it (all text escaped by the caller). */
export interface FailedRow {
  what: string;
  summary: string;
  error: string;
}

/** "Failed deliveries (3)": what failed for good, when, after how many attempts, and why. */
export function renderFailedCard(
  rows: FailedRow[],
  options: { more: boolean; maxAttempts: number; locale: string },
): AdaptiveCard {
  const s = stringsFor(options.locale);
  return renderTemplate('failed-list', options.locale, {
    title: t(s, 'failed.title', { count: options.more ? `${rows.length}+` : rows.length }),
    intro: t(s, rows.length === 0 ? 'failed.empty' : 'failed.intro', { attempts: options.maxAttempts }),
    rows,
  });
}
