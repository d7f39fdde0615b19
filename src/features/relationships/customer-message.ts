import type { CustomerMessage } from '../../core/context';
import { htmlString, plainString, renderEmailHtml } from '../../cards/email';
import { escapeHtml, escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate } from '../../cards/render';
import { disclosureLines } from '../../cards/disclosures';
import { roleNames } from './gdap-roles';

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
  const prefix = input.kind === 'invite' ? 'relationship' : 'gdap';
  const raw = {
    partner: input.partnerName,
    company: input.companyName,
    roles: roleNames(input.roleIds ?? [], s),
    days: String(input.durationDays ?? ''),
  };
  const md = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, escapeMarkdown(v, 200)]));
  const card = renderTemplate('relationship-customer', input.locale, {
    title: t(s, `${prefix}.customer.title`, md),
    message: t(s, `${prefix}.customer.message`, md),
    steps: t(s, `${prefix}.customer.steps`, md),
    link: input.link,
    open: t(s, `${prefix}.customer.open`),
    footer: t(s, 'relationship.customer.footer', md),
    // Before a reseller relationship is accepted: what it does not give, and what it can block.
    disclosures:
      input.kind === 'invite' ? disclosureLines(s, md.partner ?? '').map((line) => ({ line })) : [],
  });
  const text = [
    plainString(s, `${prefix}.customer.message`, raw),
    plainString(s, `${prefix}.customer.steps`, raw),
    input.link,
    ...(input.kind === 'invite' ? disclosureLines(s, raw.partner) : []),
    plainString(s, 'relationship.customer.footer', raw),
  ].join('\n\n');
  const body = renderEmailHtml('relationship-customer', {
    message: htmlString(s, `${prefix}.customer.message`, raw),
    steps: htmlString(s, `${prefix}.customer.steps`, raw),
    link: input.link,
    open: t(s, `${prefix}.customer.open`),
    disclosures: (input.kind === 'invite' ? disclosureLines(s, escapeHtml(raw.partner)) : [])
      .map((line) => `<p>${line}</p>`)
      .join(''),
    footer: htmlString(s, 'relationship.customer.footer', raw),
  });
  return {
    customerTenantId: input.customerTenantId,
    card,
    email: { subject: plainString(s, `${prefix}.email.subject`, raw), html: body, text },
    emailTo: input.emailTo,
    idempotencyKey: input.idempotencyKey,
  };
}
