import type { DeliveryResult, Services } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { formatDate, formatDateTime } from '../../cards/format';
import { keyIn, stringsFor, t, type LocaleKey, type Strings } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { SENT_VIA, type AcceptanceRequest } from '../acceptance';
import { isNoticeOpen, type NoticeState, type PurchaseNotice } from './notice-store';
import { TONES, type Tone } from '../../cards/tone';

const TONE: Record<NoticeState, Tone> = {
  opening: 'neutral',
  open: 'warning',
  accepted: 'good',
  cancelled: 'done',
  expired: 'bad',
  failed: 'bad',
};

/** What the card says in each state; a failed notice explains its problem instead. */
const WORDS: Record<NoticeState, { headline: LocaleKey; explanation?: LocaleKey }> = {
  opening: { headline: 'purchase.track.opening.headline', explanation: 'purchase.track.opening.explanation' },
  open: { headline: 'purchase.track.open.headline', explanation: 'purchase.track.open.explanation' },
  accepted: {
    headline: 'purchase.track.accepted.headline',
    explanation: 'purchase.track.accepted.explanation',
  },
  cancelled: {
    headline: 'purchase.track.cancelled.headline',
    explanation: 'purchase.track.cancelled.explanation',
  },
  expired: { headline: 'purchase.track.expired.headline', explanation: 'purchase.track.expired.explanation' },
  failed: { headline: 'purchase.track.failed.headline' },
};

/** The problems the card explains in words; any other code is named as it is. */
const PROBLEMS: Readonly<Partial<Record<string, LocaleKey>>> = {
  INPUT_INVALID: 'purchase.problem.INPUT_INVALID',
  TEAMS_UNAVAILABLE: 'purchase.problem.TEAMS_UNAVAILABLE',
  RELEASE_UNAVAILABLE: 'purchase.problem.RELEASE_UNAVAILABLE',
};

/** Where the release to the partner's systems stands. */
const RELEASE: Record<NonNullable<PurchaseNotice['release']>['state'], LocaleKey> = {
  pending: 'purchase.release.pending',
  delivered: 'purchase.release.delivered',
  failed: 'purchase.release.failed',
};

/** Where the customer was told: the notice's own card, else the card of the request it opened. */
function toldVia(n: PurchaseNotice, r: AcceptanceRequest | undefined): DeliveryResult | undefined {
  return n.customerCard === 'own' ? n.delivery : r?.delivery;
}

function problem(s: Strings, code: string | undefined): string {
  const key = keyIn(PROBLEMS, code);
  return key ? t(s, key) : t(s, 'purchase.problem.other', { code: code ?? '' });
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
  if (via) rows.push({ title: t(s, 'purchase.fact.sentVia'), value: t(s, SENT_VIA[via.channel]) });
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
    const value = t(s, RELEASE[n.release.state], {
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
  const words = WORDS[n.state];
  const via = toldVia(n, r);
  const mailto = !open ? '' : via?.channel === 'forward' ? via.mailto : (n.reminders.mailto ?? '');
  return renderTemplate('purchase-hold', locale, {
    noticeId: n.id,
    title: t(s, 'purchase.track.title', p),
    headline: t(s, words.headline, p),
    explanation: words.explanation ? t(s, words.explanation, p) : problem(s, n.lastError),
    // Something failed for good along the way (a dead-lettered message) while the notice goes on.
    problem:
      n.state !== 'failed' && n.lastError && !n.lastError.startsWith('REQUEST_')
        ? problem(s, n.lastError)
        : '',
    ...TONES[TONE[n.state]],
    facts: facts(n, r, s, locale, services),
    open,
    acceptanceUrl: open && r?.state === 'sent' ? (r.acceptanceUrl ?? '') : '',
    mailto,
    forwardText: mailto ? t(s, 'purchase.forwardText') : '',
  });
}
