import type { CustomerMessage } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate } from '../../cards/render';
import { disclosureLines } from '../customers/disclosures';
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

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const html = (text: string) => text.replace(/[&<>"']/g, (c) => HTML[c] ?? c);

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
  const plain = (key: string) => t(s, key, raw).replace(/\*\*/g, '');
  const safe = (key: string) =>
    t(s, key, Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, html(v)]))).replace(
      /\*\*(.+?)\*\*/g,
      '<strong>$1</strong>',
    );
  const text = [
    plain(`${prefix}.customer.message`),
    plain(`${prefix}.customer.steps`),
    input.link,
    ...(input.kind === 'invite' ? disclosureLines(s, raw.partner) : []),
    plain('relationship.customer.footer'),
  ].join('\n\n');
  const body = [
    `<p>${safe(`${prefix}.customer.message`)}</p>`,
    `<p>${safe(`${prefix}.customer.steps`)}</p>`,
    `<p><a href="${html(input.link)}">${html(t(s, `${prefix}.customer.open`))}</a></p>`,
    ...(input.kind === 'invite' ? disclosureLines(s, html(raw.partner)) : []).map((line) => `<p>${line}</p>`),
    `<p style="color:#666">${safe('relationship.customer.footer')}</p>`,
  ].join('');
  return {
    customerTenantId: input.customerTenantId,
    card,
    email: { subject: plain(`${prefix}.email.subject`), html: body, text },
    emailTo: input.emailTo,
    idempotencyKey: input.idempotencyKey,
  };
}
