import { escapeMarkdown } from '../../cards/escape';
import { formatDate, formatDateTime } from '../../cards/format';
import { stringsFor, t, type LocaleKey } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { TONES, type Tone } from '../../cards/tone';
import type { AcceptanceRequest } from '../acceptance';
import type { AgreementStatus } from '../status';

/** A line under the status after an action: what happened, in the customer's words. */
export type CustomerStatusNote =
  | 'asked'
  | 'asked-repeat'
  | 'ask-limit'
  | 'ask-unreachable'
  | 'not-yet'
  | 'already-open'
  | 'not-needed'
  | undefined;

export interface CustomerStatusView {
  status: AgreementStatus;
  /** The customer's open acceptance request, if the partner sent one (its link is the way to accept). */
  open?: AcceptanceRequest;
  partnerName: string;
  locale: string;
  /** The bot's link to the agreement for the customer's country and language. */
  documentUrl: string;
  note?: CustomerStatusNote;
  /** "Who has admin rights" lines (admin-rights.ts), already escaped. */
  admin?: { title: string; lines: string[] };
  /** Opens with what the admin center's "contact your partner" means. */
  explainAdminCenter?: boolean;
}

const LOOK: Record<AgreementStatus['state'], { tone: Tone; headline: LocaleKey }> = {
  'accepted-attested': { tone: 'good', headline: 'mine.headline.accepted' },
  'accepted-directly': { tone: 'good', headline: 'mine.headline.accepted' },
  'reacceptance-required': { tone: 'warning', headline: 'mine.headline.reaccept' },
  'not-accepted': { tone: 'bad', headline: 'mine.headline.notAccepted' },
  unknown: { tone: 'neutral', headline: 'mine.headline.unknown' },
};

const EXPLAIN: Record<AgreementStatus['state'], LocaleKey> = {
  'accepted-attested': 'mine.explain.attested',
  'accepted-directly': 'mine.explain.direct',
  'reacceptance-required': 'mine.explain.reaccept',
  'not-accepted': 'mine.explain.notAccepted',
  unknown: 'mine.explain.unknown',
};

const NOTES: Record<NonNullable<CustomerStatusNote>, { key: LocaleKey; color: string }> = {
  asked: { key: 'mine.note.asked', color: 'Good' },
  'asked-repeat': { key: 'mine.note.askedRepeat', color: 'Accent' },
  'ask-limit': { key: 'mine.note.limit', color: 'Attention' },
  'ask-unreachable': { key: 'mine.note.unreachable', color: 'Attention' },
  'not-yet': { key: 'customer.notYet', color: 'Default' },
  'already-open': { key: 'mine.note.alreadyOpen', color: 'Accent' },
  'not-needed': { key: 'mine.note.notNeeded', color: 'Good' },
};

/** Whether the customer still has to accept (and so gets Ask / Review and accept / I've accepted). */
export function needsAcceptance(status: AgreementStatus): boolean {
  return status.state === 'not-accepted' || status.state === 'reacceptance-required';
}

/**
 * The customer's own MCA status, seen from their side: accepted (when, how) or not, and the one
 * next step — Microsoft's link when the partner sent one, else one click to ask for it.
 *
 * @example
 * renderCustomerStatusCard({ status, partnerName: 'Fabrikam', locale: 'fr-FR', documentUrl })
 */
export function renderCustomerStatusCard(view: CustomerStatusView): AdaptiveCard {
  const { status, locale } = view;
  const s = stringsFor(locale);
  const signer = status.attestation?.signer;
  const p = {
    partner: escapeMarkdown(view.partnerName, 80),
    company: escapeMarkdown(status.customer.companyName),
    signer: signer ? escapeMarkdown(`${signer.firstName} ${signer.lastName}`.trim(), 120) : '',
    date: status.attestation ? formatDate(status.attestation.dateAgreed, locale) : '',
  };
  const look = LOOK[status.state];
  const needs = needsAcceptance(status);
  const open = needs ? view.open : undefined;
  const explanation =
    status.state === 'unknown' && status.reason === 'no-relationship'
      ? t(s, 'mine.explain.noRelationship', p)
      : t(s, EXPLAIN[status.state], p);
  const nextStep = !needs
    ? t(s, status.state === 'unknown' ? 'mine.next.later' : 'mine.next.done', p)
    : t(s, open?.acceptanceUrl ? 'mine.next.open' : 'mine.next.ask', p);
  const facts =
    status.attestation && status.state !== 'not-accepted'
      ? [
          { title: t(s, 'status.fact.acceptedOn'), value: p.date },
          { title: t(s, 'status.fact.acceptedBy'), value: p.signer },
        ]
      : [];
  const note = view.note ? NOTES[view.note] : undefined;
  return renderTemplate('customer-status', locale, {
    title: t(s, 'mine.title', p),
    introTitle: view.explainAdminCenter ? t(s, 'adminMsg.customer.title') : '',
    intro: view.explainAdminCenter ? t(s, 'adminMsg.customer.meaning', p) : '',
    headline: t(s, look.headline),
    ...TONES[look.tone],
    explanation,
    facts,
    nextStep,
    note: note ? t(s, note.key, p) : '',
    noteColor: note?.color ?? 'Default',
    admin: (view.admin?.lines ?? []).map((line) => ({ line })),
    adminTitle: view.admin?.title ?? '',
    checkedAt: t(s, 'status.checkedAt', { time: formatDateTime(status.checkedAt, locale) }),
    footer: t(s, 'mine.footer', p),
    reviewUrl: open?.acceptanceUrl ?? '',
    canAsk: needs && !open?.acceptanceUrl,
    askTitle: t(s, 'mine.ask', p),
    documentUrl: view.documentUrl,
    needsAcceptance: needs,
  });
}
