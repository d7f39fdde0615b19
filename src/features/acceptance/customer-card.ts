import type { Services } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { disclosureLines } from '../customers/disclosures';
import { customerActionSignature } from './customer-action';
import type { AcceptanceRequest } from './request-store';

export type CustomerCardNote =
  'not-yet' | 'question-sent' | 'question-empty' | 'question-repeat' | 'question-limit' | undefined;

export interface CustomerCardOptions {
  note?: CustomerCardNote;
  /** The order this card is about (a purchase notice's own card); default the request's `purchase`. */
  purchase?: AcceptanceRequest['purchase'];
}

/**
 * "Your purchase of 25 × Microsoft 365 E3 from Fabrikam is on hold" while the request is open,
 * "Fabrikam can now complete your order of …" once accepted, nothing otherwise. Markdown-escaped
 * for cards; pass another `escape` (e.g. none) for e-mail.
 *
 * @example
 * purchaseLine(request, services, { offerName: 'Azure plan' }) // '⏸️ Your purchase of Azure plan from …'
 */
export function purchaseLine(
  r: AcceptanceRequest,
  services: Services,
  purchase: AcceptanceRequest['purchase'] = r.purchase,
  escape: (text: string, max?: number) => string = escapeMarkdown,
): string {
  if (!purchase) return '';
  const open = r.state === 'queued' || r.state === 'sent';
  if (!open && r.state !== 'accepted') return '';
  const offer = escape(purchase.offerName, 120);
  return t(stringsFor(r.customerLocale), open ? 'purchase.customer.onHold' : 'purchase.customer.ready', {
    offer: purchase.quantity ? `${purchase.quantity} × ${offer}` : offer,
    partner: escape(services.partner.name, 80),
    company: escape(r.companyName),
  });
}

/**
 * The card the customer's admin sees, in the customer's language: why, who, and the four actions.
 * Action data carries an HMAC so the bot recognises its own cards (customer-action.ts).
 */
export function renderCustomerCard(
  r: AcceptanceRequest,
  services: Services,
  options: CustomerCardOptions = {},
): AdaptiveCard {
  const locale = r.customerLocale;
  const s = stringsFor(locale);
  const p = {
    partner: escapeMarkdown(services.partner.name, 80),
    company: escapeMarkdown(r.companyName),
    signatory: escapeMarkdown(r.signatory.firstName, 60),
  };
  const open = r.state === 'queued' || r.state === 'sent';
  const closed = {
    accepted: 'allSet',
    cancelled: 'cancelled',
    expired: 'expired',
    failed: 'cancelled',
  } as const;
  const titleKey = open ? 'customer.title' : `customer.${closed[r.state as keyof typeof closed]}.title`;
  const messageKey = open ? 'customer.message' : `customer.${closed[r.state as keyof typeof closed]}.message`;
  const notes = {
    'not-yet': 'customer.notYet',
    'question-sent': 'customer.questionSent',
    'question-empty': 'customer.questionEmpty',
    'question-repeat': 'customer.questionRepeat',
    'question-limit': 'customer.questionLimit',
  };
  return renderTemplate('customer-request', locale, {
    requestId: r.id,
    tenantId: r.customerTenantId,
    sig: customerActionSignature(services.signer, r.id, r.customerTenantId),
    style: r.state === 'accepted' ? 'good' : open ? 'emphasis' : 'default',
    title: t(s, titleKey, p),
    purchase: purchaseLine(r, services, options.purchase ?? r.purchase),
    message: t(s, messageKey, p),
    steps: open ? t(s, r.signatory.firstName ? 'customer.steps' : 'customer.stepsAnyone', p) : '',
    note: options.note && open ? t(s, notes[options.note], p) : '',
    noteColor:
      options.note === 'question-empty' || options.note === 'question-limit' ? 'Attention' : 'Accent',
    questionLabel: t(s, 'customer.questionLabel', p),
    contactTitle: t(s, 'customer.contact', p),
    // Only an open card has the question box and Contact button the footer talks about.
    footer: t(s, open ? 'customer.footer' : 'customer.footerClosed', p),
    disclosures: open ? disclosureLines(s, p.partner).map((line) => ({ line })) : [],
    open,
    acceptanceUrl: r.acceptanceUrl ?? '',
    documentUrl: open ? services.links.agreementDocument(r.country, r.language) : '',
  });
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const html = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/**
 * The same request as an e-mail (subject, HTML and plain text) in the customer's language; with a
 * purchase on hold, that comes first.
 */
export function renderCustomerEmail(
  r: AcceptanceRequest,
  services: Services,
  purchase: AcceptanceRequest['purchase'] = r.purchase,
): { subject: string; html: string; text: string } {
  const s = stringsFor(r.customerLocale);
  const onHold = purchaseLine(r, services, purchase, (text) => text).replace(/\*\*/g, '');
  const raw = { partner: services.partner.name, company: r.companyName, signatory: r.signatory.firstName };
  const plain = (key: string, extra: Record<string, string> = {}) =>
    t(s, key, { ...raw, ...extra }).replace(/\*\*/g, '');
  const review = r.acceptanceUrl ?? '';
  const download = services.links.agreementDocument(r.country, r.language);
  const lines = [
    plain('customer.email.intro'),
    ...(onHold ? [onHold] : []),
    plain('customer.message'),
    plain('customer.steps'),
    plain('customer.email.review', { url: review }),
    plain('customer.email.download', { url: download }),
    ...disclosureLines(s, services.partner.name),
  ];
  const safe = (key: string, extra: Record<string, string> = {}) =>
    t(s, key, Object.fromEntries(Object.entries({ ...raw, ...extra }).map(([k, v]) => [k, html(v)]))).replace(
      /\*\*(.+?)\*\*/g,
      '<strong>$1</strong>',
    );
  const body = [
    `<p>${safe('customer.email.intro')}</p>`,
    ...(onHold ? [`<p><strong>${html(onHold)}</strong></p>`] : []),
    `<p>${safe('customer.message')}</p>`,
    `<p>${safe('customer.steps')}</p>`,
    `<p><a href="${html(review)}">${html(t(s, 'customer.review'))}</a> · <a href="${html(download)}">${html(t(s, 'customer.download'))}</a></p>`,
    ...disclosureLines(s, html(services.partner.name)).map((line) => `<p style="color:#666">${line}</p>`),
    `<p style="color:#666">${safe('customer.footer').split('.')[0]}.</p>`,
  ].join('\n');
  const subject = plain(onHold ? 'purchase.customer.email.subject' : 'customer.email.subject');
  return { subject, html: body, text: lines.join('\n\n') };
}
