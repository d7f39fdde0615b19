import type { CustomerMessage, DeliveryResult } from '../../core/context';
import { htmlString, plainString, renderEmailHtml } from '../../cards/email';
import { escapeHtml, escapeMarkdown } from '../../cards/escape';
import { stringsFor, t, type LocaleKey } from '../../cards/i18n';
import { renderTemplate } from '../../cards/render';
import { disclosureLines } from '../../cards/disclosures';
import { roleNames } from './gdap-roles';

/** The customer's words for each kind of message. */
const CUSTOMER_WORDS: Record<
  RelationshipMessageInput['kind'],
  { title: LocaleKey; message: LocaleKey; steps: LocaleKey; open: LocaleKey; subject: LocaleKey }
> = {
  invite: {
    title: 'relationship.customer.title',
    message: 'relationship.customer.message',
    steps: 'relationship.customer.steps',
    open: 'relationship.customer.open',
    subject: 'relationship.email.subject',
  },
  gdap: {
    title: 'gdap.customer.title',
    message: 'gdap.customer.message',
    steps: 'gdap.customer.steps',
    open: 'gdap.customer.open',
    subject: 'gdap.email.subject',
  },
};

/** How the customer was reached, with the time: on the partner's invitation and GDAP cards. */
export const SENT_TO_CUSTOMER: Record<DeliveryResult['channel'], LocaleKey> = {
  teams: 'relationship.sent.teams',
  email: 'relationship.sent.email',
  forward: 'relationship.sent.forward',
};

export interface RelationshipMessageInput {
  kind: 'invite' | 'gdap';
  customerTenantId: string;
  companyName: string;
  partnerName: string;
  link: string;
  /** The customer's language (billing culture), e.g. "de-DE". */
  locale: string;
  emailTo?: string;
  idempotencyKey: string;
  /** GDAP only. */
  roleIds?: string[];
  durationDays?: number;
}

/**
 * The invitation or the GDAP approval request as the customer receives it: a Teams card and the
 * same words as an e-mail, in the customer's language.
 *
 * @example
 * await ctx.services.delivery.deliver(relationshipMessage({ kind: 'invite', … }));
 */
export function relationshipMessage(input: RelationshipMessageInput): CustomerMessage {
  const s = stringsFor(input.locale);
  const words = CUSTOMER_WORDS[input.kind];
  const raw = {
    partner: input.partnerName,
    company: input.companyName,
    roles: roleNames(input.roleIds ?? [], s),
    days: String(input.durationDays ?? ''),
  };
  const md = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, escapeMarkdown(v, 200)]));
  const card = renderTemplate('relationship-customer', input.locale, {
    title: t(s, words.title, md),
    message: t(s, words.message, md),
    steps: t(s, words.steps, md),
    link: input.link,
    open: t(s, words.open),
    footer: t(s, 'relationship.customer.footer', md),
    // Before a reseller relationship is accepted: what it does not give, and what it can block.
    disclosures:
      input.kind === 'invite' ? disclosureLines(s, md.partner ?? '').map((line) => ({ line })) : [],
  });
  const text = [
    plainString(s, words.message, raw),
    plainString(s, words.steps, raw),
    input.link,
    ...(input.kind === 'invite' ? disclosureLines(s, raw.partner) : []),
    plainString(s, 'relationship.customer.footer', raw),
  ].join('\n\n');
  const body = renderEmailHtml('relationship-customer', {
    message: htmlString(s, words.message, raw),
    steps: htmlString(s, words.steps, raw),
    link: input.link,
    open: t(s, words.open),
    disclosures: (input.kind === 'invite' ? disclosureLines(s, escapeHtml(raw.partner)) : [])
      .map((line) => `<p>${line}</p>`)
      .join(''),
    footer: htmlString(s, 'relationship.customer.footer', raw),
  });
  return {
    customerTenantId: input.customerTenantId,
    card,
    email: { subject: plainString(s, words.subject, raw), html: body, text },
    emailTo: input.emailTo,
    idempotencyKey: input.idempotencyKey,
  };
}
