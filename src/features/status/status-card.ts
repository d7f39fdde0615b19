import { escapeMarkdown } from '../../cards/escape';
import { countryName, formatDate, formatDateTime, languageName } from '../../cards/format';
import { stringsFor, t, type Strings } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { gdapRows, type GdapFacts } from './gdap-facts';
import type { AgreementStatus } from './agreement-status';

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

const STYLE: Record<AgreementStatus['state'], { style: string; color: string }> = {
  'accepted-attested': { style: 'good', color: 'Good' },
  'accepted-directly': { style: 'good', color: 'Good' },
  // Yellow text fails WCAG AA on white and on the orange header: the header colour carries it.
  'reacceptance-required': { style: 'warning', color: 'Default' },
  'not-accepted': { style: 'attention', color: 'Attention' },
  unknown: { style: 'emphasis', color: 'Default' },
};

function signerOf(status: AgreementStatus): string {
  const s = status.attestation?.signer;
  return s ? escapeMarkdown(`${s.firstName} ${s.lastName}`.trim(), 120) : '';
}

function texts(status: AgreementStatus, s: Strings, locale: string): { explanation: string; next: string } {
  const params = {
    signer: signerOf(status),
    date: status.attestation ? formatDate(status.attestation.dateAgreed, locale) : '',
  };
  if (status.state === 'unknown') {
    const reason = status.reason ?? 'unavailable';
    return {
      explanation: t(s, `status.unknown.${reason}.explanation`, params),
      next: t(s, `status.unknown.${reason}.next`, params),
    };
  }
  return {
    explanation: t(s, `status.${status.state}.explanation`, params),
    next: t(s, `status.${status.state}.next`, params),
  };
}

function relationship(status: AgreementStatus, s: Strings): string {
  const value = status.customer.relationshipToPartner;
  if (value === undefined || value === 'reseller') return t(s, 'status.relationship.reseller');
  if (value === 'none') return t(s, 'status.relationship.none');
  return t(s, 'status.relationship.other', { value: escapeMarkdown(value, 40) });
}

function facts(status: AgreementStatus, s: Strings, locale: string): { title: string; value: string }[] {
  const c = status.customer;
  const list = [{ title: t(s, 'status.fact.status'), value: t(s, `state.${status.state}`) }];
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
  const { locale } = options;
  const s = stringsFor(locale);
  const look = STYLE[status.state];
  const { explanation, next } = texts(status, s, locale);
  const country = countryName(status.customer.country, locale) ?? t(s, 'status.unknownCountry');
  const gdap = options.gdap && gdapRows(options.gdap, s, locale, new Date(status.checkedAt));
  const headline =
    status.state === 'unknown' ? t(s, 'status.unknown.headline') : t(s, `status.${status.state}.headline`);
  const card = renderTemplate('status', locale, {
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
  });
  if (options.refreshForEveryone) delete (card.refresh as { userIds?: unknown }).userIds;
  return card;
}
