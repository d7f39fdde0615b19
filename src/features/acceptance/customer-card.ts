import type { Services } from '../../core/context';
import { htmlString, plainString, renderEmailHtml } from '../../cards/email';
import { escapeHtml, escapeMarkdown } from '../../cards/escape';
import { stringsFor, t, type LocaleKey } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { disclosureLines } from '../../cards/disclosures';
import { customerActionSignature } from './customer-action';
import type { AcceptanceRequest, RequestState } from './request-store';

/** The customer card's title and message once the request has ended (failed reads as withdrawn). */
const CLOSED_TEXT: Record<
  Exclude<RequestState, 'queued' | 'sent'>,
  { title: LocaleKey; message: LocaleKey }
> = {
  accepted: { title: 'customer.allSet.title', message: 'customer.allSet.message' },
  cancelled: { title: 'customer.cancelled.title', message: 'customer.cancelled.message' },
  expired: { title: 'customer.expired.title', message: 'customer.expired.message' },
  failed: { title: 'customer.cancelled.title', message: 'customer.cancelled.message' },
};

/** What the customer's card and e-mail read from the app: the partner's name, the signer, the links. */
export type CustomerCardServices = Pick<Services, 'partner' | 'signer' | 'links'>;

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
  services: Pick<Services, 'partner'>,
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
  services: CustomerCardServices,
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
  const { title: titleKey, message: messageKey } =
    r.state === 'queued' || r.state === 'sent'
      ? ({ title: 'customer.title', message: 'customer.message' } as const)
      : CLOSED_TEXT[r.state];
  const notes: Record<NonNullable<CustomerCardNote>, LocaleKey> = {
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

/**
 * The same request as an e-mail (subject, HTML and plain text) in the customer's language; with a
 * purchase on hold, that comes first. The HTML is `cards/email/customer-request.html`.
 */
export function renderCustomerEmail(
  r: AcceptanceRequest,
  services: CustomerCardServices,
  purchase: AcceptanceRequest['purchase'] = r.purchase,
): { subject: string; html: string; text: string } {
  const s = stringsFor(r.customerLocale);
  const onHold = purchaseLine(r, services, purchase, (text) => text).replace(/\*\*/g, '');
  const raw = { partner: services.partner.name, company: r.companyName, signatory: r.signatory.firstName };
  const review = r.acceptanceUrl ?? '';
  const download = services.links.agreementDocument(r.country, r.language);
  const lines = [
    plainString(s, 'customer.email.intro', raw),
    ...(onHold ? [onHold] : []),
    plainString(s, 'customer.message', raw),
    plainString(s, 'customer.steps', raw),
    plainString(s, 'customer.email.review', { ...raw, url: review }),
    plainString(s, 'customer.email.download', { ...raw, url: download }),
    ...disclosureLines(s, services.partner.name),
  ];
  const html = renderEmailHtml('customer-request', {
    intro: htmlString(s, 'customer.email.intro', raw),
    onHold,
    message: htmlString(s, 'customer.message', raw),
    steps: htmlString(s, 'customer.steps', raw),
    reviewUrl: review,
    reviewLabel: t(s, 'customer.review'),
    downloadUrl: download,
    downloadLabel: t(s, 'customer.download'),
    disclosures: disclosureLines(s, escapeHtml(services.partner.name))
      .map((line) => `<p style="color:#666">${line}</p>`)
      .join('\n'),
    footer: htmlString(s, 'customer.footer', raw).split('.')[0] ?? '',
  });
  const subject = plainString(s, onHold ? 'purchase.customer.email.subject' : 'customer.email.subject', raw);
  return { subject, html, text: lines.join('\n\n') };
}
