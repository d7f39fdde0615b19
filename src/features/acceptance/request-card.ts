import { escapeMarkdown } from '../../cards/escape';
import { formatDate, formatDateTime } from '../../cards/format';
import type { DeliveryResult } from '../../core/context';
import { stringsFor, t, type LocaleKey, type Strings } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { isOpen, type AcceptanceRequest } from './request-store';
import { TONES, type Tone } from '../../cards/tone';

const TONE: Record<AcceptanceRequest['state'], Tone> = {
  queued: 'neutral',
  sent: 'info',
  accepted: 'good',
  cancelled: 'done',
  expired: 'warning',
  failed: 'bad',
};

/** How the request reached the customer, on the partner's request and purchase tracking cards. */
export const SENT_VIA: Record<DeliveryResult['channel'], LocaleKey> = {
  teams: 'request.via.teams',
  email: 'request.via.email',
  forward: 'request.via.forward',
};

/** What the card says once the request has ended without acceptance (or is waiting for it). */
const CLOSED_WORDS: Record<
  'sent' | 'cancelled' | 'expired' | 'failed',
  { headline: LocaleKey; explanation: LocaleKey }
> = {
  sent: { headline: 'request.sent.headline', explanation: 'request.sent.explanation' },
  cancelled: { headline: 'request.cancelled.headline', explanation: 'request.cancelled.explanation' },
  expired: { headline: 'request.expired.headline', explanation: 'request.expired.explanation' },
  failed: { headline: 'request.failed.headline', explanation: 'request.failed.explanation' },
};

export function signatoryName(r: AcceptanceRequest): string {
  return escapeMarkdown(`${r.signatory.firstName} ${r.signatory.lastName}`.trim(), 120);
}

function words(r: AcceptanceRequest, s: Strings, locale: string): { headline: string; explanation: string } {
  const p = {
    company: escapeMarkdown(r.companyName),
    signatory: signatoryName(r),
    date: r.acceptedAt ? formatDate(r.acceptedAt, locale) : '',
    code: r.lastError ?? '',
  };
  switch (r.state) {
    case 'queued':
      return {
        headline: t(s, 'request.queued.headline'),
        explanation: t(s, r.lastError ? 'request.retrying.explanation' : 'request.queued.explanation', p),
      };
    case 'accepted':
      return {
        headline:
          r.acceptedVia === 'direct'
            ? t(s, 'status.accepted-directly.headline')
            : t(s, 'request.accepted.headline', p),
        explanation: t(
          s,
          r.acceptedVia === 'direct' ? 'request.acceptedDirect.explanation' : 'request.accepted.explanation',
          p,
        ),
      };
    default:
      return {
        headline: t(s, CLOSED_WORDS[r.state].headline, p),
        explanation: t(s, CLOSED_WORDS[r.state].explanation, p),
      };
  }
}

/** The partner's tracking card for one request; edited in place as the request moves. */
export function renderRequestCard(r: AcceptanceRequest, locale: string): AdaptiveCard {
  const s = stringsFor(locale);
  const facts = [
    { title: t(s, 'request.fact.signatory'), value: signatoryName(r) },
    { title: t(s, 'request.fact.requested'), value: formatDateTime(r.createdAt, locale) },
  ];
  if (r.delivery)
    facts.push({ title: t(s, 'request.fact.sentVia'), value: t(s, SENT_VIA[r.delivery.channel]) });
  if (r.lastCheckedAt)
    facts.push({ title: t(s, 'request.fact.lastCheck'), value: formatDateTime(r.lastCheckedAt, locale) });
  if (r.expiresAt && isOpen(r))
    facts.push({ title: t(s, 'request.fact.expires'), value: formatDate(r.expiresAt, locale) });
  facts.push({ title: t(s, 'request.fact.requestId'), value: r.id.slice(0, 8) });
  const forward = r.delivery?.channel === 'forward' && isOpen(r);
  return renderTemplate('acceptance-request', locale, {
    requestId: r.id,
    title: t(s, 'request.title', { company: escapeMarkdown(r.companyName) }),
    ...words(r, s, locale),
    ...TONES[TONE[r.state]],
    facts,
    open: isOpen(r),
    acceptanceUrl: isOpen(r) ? (r.acceptanceUrl ?? '') : '',
    mailto: forward && r.delivery?.channel === 'forward' ? r.delivery.mailto : '',
    forwardText: forward ? t(s, 'request.forwardText') : '',
  });
}
