import { escapeMarkdown } from '../../cards/escape';
import { countryName, formatDate, formatDateTime, languageName } from '../../cards/format';
import { stringsFor, t, type LocaleKey, type Strings } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { gdapRows, type GdapFacts } from './gdap-facts';
import type { AgreementState, AgreementStatus, UnknownReason } from './agreement-status';
import { STATE_LABEL } from './state-label';
import { TONES, type Tone } from '../../cards/tone';

export interface StatusCardOptions {
  locale: string;
  /** Teams user ids that get the card refreshed automatically when they view it (max 60). */
  refreshUserIds: string[];
  /**
   * A card someone shares into a chat (message extension, link preview): no user list, so Teams
   * refreshes it for every reader in conversations of up to 60 members, and its refreshes stay shared.
   */
  refreshForEveryone?: boolean;
  /** The bot's own link to a fresh agreement document for the customer's country and language. */
  document?: { url: string; country: string; language: string };
  /** The customer's active GDAP relationships (gdap-facts.ts). */
  gdap?: GdapFacts;
  /** "Admin access: Helpdesk Administrator via Helpdesk agents, until …" (src/features/gdap-access). */
  accessRows?: { title: string; value: string }[];
}

const TONE: Record<AgreementStatus['state'], Tone> = {
  'accepted-attested': 'good',
  'accepted-directly': 'good',
  'reacceptance-required': 'warning',
  'not-accepted': 'bad',
  unknown: 'neutral',
};

function signerOf(status: AgreementStatus): string {
  const s = status.attestation?.signer;
  return s ? escapeMarkdown(`${s.firstName} ${s.lastName}`.trim(), 120) : '';
}

/** What the card says for each known state. */
const WORDS: Record<
  Exclude<AgreementState, 'unknown'>,
  { headline: LocaleKey; explanation: LocaleKey; next: LocaleKey }
> = {
  'accepted-attested': {
    headline: 'status.accepted-attested.headline',
    explanation: 'status.accepted-attested.explanation',
    next: 'status.accepted-attested.next',
  },
  'accepted-directly': {
    headline: 'status.accepted-directly.headline',
    explanation: 'status.accepted-directly.explanation',
    next: 'status.accepted-directly.next',
  },
  'reacceptance-required': {
    headline: 'status.reacceptance-required.headline',
    explanation: 'status.reacceptance-required.explanation',
    next: 'status.reacceptance-required.next',
  },
  'not-accepted': {
    headline: 'status.not-accepted.headline',
    explanation: 'status.not-accepted.explanation',
    next: 'status.not-accepted.next',
  },
};

/** When the state is unknown: why, and what to do. */
const UNKNOWN_WORDS: Record<UnknownReason, { explanation: LocaleKey; next: LocaleKey }> = {
  'no-relationship': {
    explanation: 'status.unknown.no-relationship.explanation',
    next: 'status.unknown.no-relationship.next',
  },
  permission: {
    explanation: 'status.unknown.permission.explanation',
    next: 'status.unknown.permission.next',
  },
  unavailable: {
    explanation: 'status.unknown.unavailable.explanation',
    next: 'status.unknown.unavailable.next',
  },
};

function texts(status: AgreementStatus, s: Strings, locale: string): { explanation: string; next: string } {
  const params = {
    signer: signerOf(status),
    date: status.attestation ? formatDate(status.attestation.dateAgreed, locale) : '',
  };
  const words =
    status.state === 'unknown' ? UNKNOWN_WORDS[status.reason ?? 'unavailable'] : WORDS[status.state];
  return { explanation: t(s, words.explanation, params), next: t(s, words.next, params) };
}

function relationship(status: AgreementStatus, s: Strings): string {
  const value = status.customer.relationshipToPartner;
  if (value === undefined || value === 'reseller') return t(s, 'status.relationship.reseller');
  if (value === 'none') return t(s, 'status.relationship.none');
  return t(s, 'status.relationship.other', { value: escapeMarkdown(value, 40) });
}

function facts(status: AgreementStatus, s: Strings, locale: string): { title: string; value: string }[] {
  const c = status.customer;
  const list = [{ title: t(s, 'status.fact.status'), value: t(s, STATE_LABEL[status.state]) }];
  if (status.state === 'accepted-directly') {
    list.push({ title: t(s, 'status.fact.source'), value: t(s, 'status.source.direct') });
  }
  if (status.attestation) {
    const isCurrent = status.state === 'accepted-attested';
    list.push(
      {
        title: t(s, isCurrent ? 'status.fact.acceptedOn' : 'status.fact.lastAttestation'),
        value: formatDate(status.attestation.dateAgreed, locale),
      },
      { title: t(s, 'status.fact.acceptedBy'), value: signerOf(status) },
    );
    if (isCurrent) list.push({ title: t(s, 'status.fact.source'), value: t(s, 'status.source.attestation') });
  }
  list.push(
    { title: t(s, 'status.fact.relationship'), value: relationship(status, s) },
    { title: t(s, 'status.fact.domain'), value: escapeMarkdown(c.domain) },
    { title: t(s, 'status.fact.tenantId'), value: c.tenantId },
    {
      title: t(s, 'status.fact.country'),
      value: countryName(c.country, locale) ?? t(s, 'status.unknownCountry'),
    },
  );
  return list;
}

/**
 * The status card: company, status in plain words, what to do next, Refresh and the agreement link.
 *
 * @example
 * renderStatusCard(status, { locale: 'en-US', refreshUserIds: [ctx.caller.id] })
 */
export function renderStatusCard(status: AgreementStatus, options: StatusCardOptions): AdaptiveCard {
  const card = renderTemplate('status', options.locale, statusCardData(status, options));
  if (options.refreshForEveryone) delete (card.refresh as { userIds?: unknown }).userIds;
  return card;
}

/** What `cards/status.json` is expanded with (exported so tests can expand it both ways). */
export function statusCardData(status: AgreementStatus, options: StatusCardOptions): object {
  const { locale } = options;
  const s = stringsFor(locale);
  const look = TONES[TONE[status.state]];
  const { explanation, next } = texts(status, s, locale);
  const country = countryName(status.customer.country, locale) ?? t(s, 'status.unknownCountry');
  const gdap = options.gdap && gdapRows(options.gdap, s, locale, new Date(status.checkedAt));
  const headline = t(
    s,
    status.state === 'unknown' ? 'status.unknown.headline' : WORDS[status.state].headline,
  );
  return {
    tenantId: status.customer.tenantId,
    refreshData: options.refreshForEveryone
      ? { tenantId: status.customer.tenantId, shared: true }
      : { tenantId: status.customer.tenantId },
    companyName: escapeMarkdown(status.customer.companyName),
    subtitle: t(s, 'status.subtitle', { domain: escapeMarkdown(status.customer.domain), country }),
    headline,
    style: look.style,
    color: look.color,
    explanation,
    nextStep: next,
    facts: [...facts(status, s, locale), ...(gdap?.rows ?? []), ...(options.accessRows ?? [])],
    // Invite only when Partner Center says there is no reseller relationship.
    canInvite: status.state === 'unknown' && status.reason === 'no-relationship',
    renewId: gdap?.renewId ?? '',
    checkedAt: t(s, 'status.checkedAt', { time: formatDateTime(status.checkedAt, locale) }),
    refreshUserIds: options.refreshUserIds.slice(0, 60),
    canRequest: status.state === 'not-accepted' || status.state === 'reacceptance-required',
    documentUrl: options.document?.url ?? '',
    documentTitle: options.document
      ? t(s, 'status.readAgreement', {
          country: countryName(options.document.country, locale) ?? options.document.country,
          // "German", not "German (Germany)": the country is already named.
          language: languageName(
            options.document.language.split('-')[0] ?? options.document.language,
            locale,
          ),
        })
      : '',
  };
}
