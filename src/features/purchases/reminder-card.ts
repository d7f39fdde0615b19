import { plainString, renderEmailHtml } from '../../cards/email';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { customerActionSignature, purchaseLine, type CustomerCardServices } from '../acceptance';
import type { AcceptanceRequest } from '../acceptance';
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
export function renderReminderCard(
  { n, r, number, of }: Reminder,
  services: CustomerCardServices,
): AdaptiveCard {
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

/** The same reminder as an e-mail: subject, HTML (`cards/email/purchase-reminder.html`) and plain text. */
export function renderReminderEmail(
  { n, r, number, of }: Reminder,
  services: CustomerCardServices,
): { subject: string; html: string; text: string } {
  const s = stringsFor(r.customerLocale);
  const raw = { partner: services.partner.name, company: r.companyName, signatory: r.signatory.firstName };
  const onHold = purchaseLine(
    r,
    services,
    { offerName: n.offerName, quantity: n.quantity },
    (x) => x,
  ).replace(/\*\*/g, '');
  const review = r.acceptanceUrl ?? '';
  const download = services.links.agreementDocument(r.country, r.language);
  const intro = plainString(s, 'customer.email.intro', raw);
  const message = plainString(s, 'purchase.reminder.message', raw);
  const lines = [
    intro,
    onHold,
    message,
    plainString(s, 'customer.email.review', { ...raw, url: review }),
    plainString(s, 'customer.email.download', { ...raw, url: download }),
  ];
  const html = renderEmailHtml('purchase-reminder', {
    intro,
    onHold,
    message,
    reviewUrl: review,
    reviewLabel: t(s, 'customer.review'),
    downloadUrl: download,
    downloadLabel: t(s, 'customer.download'),
  });
  return {
    subject: plainString(s, 'purchase.reminder.email.subject', { ...raw, n: number, max: of }),
    html,
    text: lines.join('\n\n'),
  };
}
