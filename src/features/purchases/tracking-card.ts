import type { DeliveryResult, Services } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { formatDate, formatDateTime } from '../../cards/format';
import { stringsFor, t, type Strings } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import type { AcceptanceRequest } from '../acceptance';
import { isNoticeOpen, type NoticeState, type PurchaseNotice } from './notice-store';

const LOOK: Record<NoticeState, { style: string; color: string }> = {
  opening: { style: 'emphasis', color: 'Default' },
  // Yellow text fails WCAG AA on white and on the orange header: the header colour carries it.
  open: { style: 'warning', color: 'Default' },
  accepted: { style: 'good', color: 'Good' },
  cancelled: { style: 'default', color: 'Default' },
  expired: { style: 'attention', color: 'Attention' },
  failed: { style: 'attention', color: 'Attention' },
};

/** Where the customer was told: the notice's own card, else the card of the request it opened. */
function toldVia(n: PurchaseNotice, r: AcceptanceRequest | undefined): DeliveryResult | undefined {
  return n.customerCard === 'own' ? n.delivery : r?.delivery;
}

function problem(s: Strings, code: string | undefined): string {
  const key = `purchase.problem.${code ?? ''}`;
  return s[key] === undefined ? t(s, 'purchase.problem.other', { code: code ?? '' }) : t(s, key);
}

function facts(
  n: PurchaseNotice,
  r: AcceptanceRequest | undefined,
  s: Strings,
  locale: string,
  services: Services,
) {
  const rows = [{ title: t(s, 'purchase.fact.offer'), value: escapeMarkdown(n.offerName, 200) }];
  if (n.quantity) rows.push({ title: t(s, 'purchase.fact.quantity'), value: String(n.quantity) });
  rows.push({ title: t(s, 'purchase.fact.reference'), value: escapeMarkdown(n.orderReference, 100) });
  const via = toldVia(n, r);
  if (via) rows.push({ title: t(s, 'purchase.fact.sentVia'), value: t(s, `request.via.${via.channel}`) });
  const max = services.purchases.reminderOffsetsMs.length;
  if (isNoticeOpen(n) && max > 0) {
    const next = n.reminders.nextAt
      ? t(s, 'purchase.reminders.next', { date: `${formatDateTime(n.reminders.nextAt, locale)} UTC` })
      : '';
    rows.push({
      title: t(s, 'purchase.fact.reminders'),
      value: t(s, 'purchase.reminders.value', { sent: n.reminders.sent, max, next }),
    });
  }
  if (n.release) {
    const value = t(s, `purchase.release.${n.release.state}`, {
      date: n.release.at ? formatDateTime(n.release.at, locale) : '',
    });
    rows.push({ title: t(s, 'purchase.fact.release'), value });
  }
  rows.push({ title: t(s, 'purchase.fact.notice'), value: n.id.slice(0, 8) });
  return rows;
}

/** The partner's card for one notice, edited in place as it moves: on hold → accepted (retry now). */
export function renderTrackingCard(
  n: PurchaseNotice,
  r: AcceptanceRequest | undefined,
  services: Services,
  locale: string,
): AdaptiveCard {
  const s = stringsFor(locale);
  const p = {
    company: escapeMarkdown(n.companyName),
    reference: escapeMarkdown(n.orderReference, 100),
    date: n.acceptedAt ? formatDate(n.acceptedAt, locale) : '',
  };
  const open = isNoticeOpen(n);
  const via = toldVia(n, r);
  const mailto = !open ? '' : via?.channel === 'forward' ? via.mailto : (n.reminders.mailto ?? '');
  return renderTemplate('purchase-hold', locale, {
    noticeId: n.id,
    title: t(s, 'purchase.track.title', p),
    headline: t(s, `purchase.track.${n.state}.headline`, p),
    explanation:
      n.state === 'failed' ? problem(s, n.lastError) : t(s, `purchase.track.${n.state}.explanation`, p),
    // Something failed for good along the way (a dead-lettered message) while the notice goes on.
    problem:
      n.state !== 'failed' && n.lastError && !n.lastError.startsWith('REQUEST_')
        ? problem(s, n.lastError)
        : '',
    ...LOOK[n.state],
    facts: facts(n, r, s, locale, services),
    open,
    acceptanceUrl: open && r?.state === 'sent' ? (r.acceptanceUrl ?? '') : '',
    mailto,
    forwardText: mailto ? t(s, 'purchase.forwardText') : '',
  });
}
