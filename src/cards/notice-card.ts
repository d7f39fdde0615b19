import { renderTemplate, type AdaptiveCard } from './render';

export interface NoticeView {
  title: string;
  message: string;
  hint?: string;
  reference?: string;
  tone?: 'attention' | 'warning' | 'default';
  /** Offers "Try again" that re-runs this verb with this data. */
  retry?: { verb: string; data: Record<string, unknown> };
}

/** A short message card: errors, refusals, confirmations. All text must be escaped by the caller. */
export function renderNoticeCard(view: NoticeView, locale: string): AdaptiveCard {
  // No 'Warning' colour: yellow text on white fails WCAG AA contrast. A warning reads as plain bold text.
  const color = { attention: 'Attention', warning: 'Default', default: 'Default' }[view.tone ?? 'attention'];
  return renderTemplate('notice', locale, {
    title: view.title,
    message: view.message,
    hint: view.hint ?? '',
    reference: view.reference ?? '',
    color,
    retryVerb: view.retry?.verb ?? '',
    retryData: view.retry?.data ?? {},
  });
}
