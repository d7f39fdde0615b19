import type { Services } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { customerActionSignature } from '../acceptance/customer-action';
import { purchaseLine } from '../acceptance/customer-card';
import type { AcceptanceRequest } from '../acceptance/request-store';
import type { PurchaseNotice } from './notice-store';

export interface Reminder {
  n: PurchaseNotice;
  r: AcceptanceRequest;
  /** Which reminder this is, 1-based, and how many there are at most. */
  number: number;
  of: number;
}

/**
 * "Reminder 2 of 4: your order from Fabrikam is still on hold" — a short message of its own (so
 * Teams notifies the customer; an edit of the old card would not), with Review and accept and
 * I've accepted, in the customer's language.
 */
export function renderReminderCard({ n, r, number, of }: Reminder, services: Services): AdaptiveCard {
  const s = stringsFor(r.customerLocale);
  const partner = escapeMarkdown(services.partner.name, 80);
  return renderTemplate('purchase-reminder', r.customerLocale, {
    title: t(s, 'purchase.reminder.title', { n: number, max: of, partner }),
    purchase: purchaseLine(r, services, { offerName: n.offerName, quantity: n.quantity }),
    message: t(s, 'purchase.reminder.message', { company: escapeMarkdown(r.companyName), partner }),
    footer: t(s, 'purchase.reminder.footer', { partner }),
    acceptanceUrl: r.acceptanceUrl ?? '',
    requestId: r.id,
    tenantId: r.customerTenantId,
    sig: customerActionSignature(services.signer, r.id, r.customerTenantId),
  });
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const html = (text: string) => text.replace(/[&<>"']/g, (c) => HTML[c] ?? c);

/** The same reminder as an e-mail: subject, HTML (escaped) and plain text. */
export function renderReminderEmail(
  { n, r, number, of }: Reminder,
  services: Services,
): { subject: string; html: string; text: string } {
  const s = stringsFor(r.customerLocale);
  const raw = { partner: services.partner.name, company: r.companyName, signatory: r.signatory.firstName };
  const plain = (key: string, extra: Record<string, string | number> = {}) =>
    t(s, key, { ...raw, ...extra }).replace(/\*\*/g, '');
  const onHold = purchaseLine(
    r,
    services,
    { offerName: n.offerName, quantity: n.quantity },
    (x) => x,
  ).replace(/\*\*/g, '');
  const review = r.acceptanceUrl ?? '';
  const download = services.links.agreementDocument(r.country, r.language);
  const lines = [
    plain('customer.email.intro'),
    onHold,
    plain('purchase.reminder.message'),
    plain('customer.email.review', { url: review }),
    plain('customer.email.download', { url: download }),
  ];
  const body = [
    `<p>${html(lines[0] ?? '')}</p>`,
    `<p><strong>${html(onHold)}</strong></p>`,
    `<p>${html(lines[2] ?? '')}</p>`,
    `<p><a href="${html(review)}">${html(t(s, 'customer.review'))}</a> · <a href="${html(download)}">${html(t(s, 'customer.download'))}</a></p>`,
  ].join('\n');
  return {
    subject: plain('purchase.reminder.email.subject', { n: number, max: of }),
    html: body,
    text: lines.join('\n\n'),
  };
}
