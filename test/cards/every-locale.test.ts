import { describe, expect, it } from 'vitest';
import { availableLanguages, stringsFor } from '../../src/cards/i18n';
import type { Services } from '../../src/core/context';
import { createSigner } from '../../src/core/signing';
import { renderCustomerCard, renderCustomerEmail } from '../../src/features/acceptance/customer-card';
import { renderAcceptanceForm } from '../../src/features/acceptance/form-card';
import { renderRequestCard } from '../../src/features/acceptance/request-card';
import type { AcceptanceRequest } from '../../src/features/acceptance/request-store';
import { renderHelpCard } from '../../src/features/help/help-card';
import { renderStatusCard } from '../../src/features/status/status-card';
import { cardText } from '../support/card-text';
import { cardProblems } from '../support/validate-card';

const services = {
  partner: { tenantId: '7d1c0c2a-5f43-4c8e-9a3b-2f6d1e8b4a10', name: 'Fabrikam *Cloud*' },
  signer: createSigner('s'.repeat(40)),
  links: {
    agreementDocument: (c: string, l: string) =>
      `https://bot.example.com/agreement-document?country=${c}&language=${l}&sig=x`,
  },
} as unknown as Services;

const request = (locale: string, state: AcceptanceRequest['state']): AcceptanceRequest => ({
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  customerTenantId: 'e22735ea-5cd8-4571-a915-3be63342f40d',
  companyName: 'Lumière & Fils SARL',
  country: 'FR',
  language: 'fr-FR',
  customerLocale: locale,
  signatory: { firstName: 'Chloé', lastName: 'Lefèvre', email: 'chloe@lumiere.example' },
  state,
  attestationId: 'a1',
  acceptanceUrl: 'https://cdn.partner.microsoft.com/mca/?attestationid=a1',
  expiresAt: '2026-12-02T00:00:00Z',
  requestedBy: { aadObjectId: 'x', tenantId: 'y' },
  partnerConversation: { tenantId: 'y', conversationId: 'c' },
  partnerLocale: locale,
  delivery: { channel: 'forward', mailto: 'mailto:chloe%40lumiere.example?subject=x' },
  createdAt: '2026-11-25T10:00:00Z',
  acceptedAt: state === 'accepted' ? '2026-11-26T10:00:00Z' : undefined,
});

describe.each(availableLanguages())('cards in %s', (lang) => {
  it('render valid customer cards and e-mail in every state, in that language', () => {
    for (const state of ['sent', 'accepted', 'cancelled', 'expired'] as const) {
      for (const note of [undefined, 'not-yet', 'question-sent', 'question-empty'] as const) {
        const card = renderCustomerCard(request(lang, state), services, {
          note,
          purchase: { offerName: 'Microsoft 365 E3', quantity: 20 },
        });
        expect(cardProblems(card)).toEqual([]);
      }
    }
    const open = cardText(renderCustomerCard(request(lang, 'sent'), services));
    expect(open).toContain(stringsFor(lang)['customer.review']);
    expect(open).toContain('Fabrikam \\*Cloud\\*');
    const mail = renderCustomerEmail(request(lang, 'sent'), services);
    expect(mail.html).toContain('https://cdn.partner.microsoft.com/mca/?attestationid=a1');
    expect(mail.html).not.toContain('<script');
    expect(mail.subject).toContain('Lumière & Fils SARL');
  });

  it('render valid partner cards in that language', () => {
    for (const state of ['queued', 'sent', 'accepted', 'cancelled', 'expired', 'failed'] as const) {
      expect(cardProblems(renderRequestCard(request(lang, state), lang))).toEqual([]);
    }
    expect(cardProblems(renderHelpCard({ locale: lang, partnerName: 'F', variant: 'welcome' }))).toEqual([]);
    const form = renderAcceptanceForm(
      'e22735ea-5cd8-4571-a915-3be63342f40d',
      { firstName: '', lastName: '', email: 'x', companyName: 'C', country: 'FR', language: 'fr-FR' },
      { email: 'form.error.email', firstName: 'form.error.required' },
      lang,
    );
    expect(cardProblems(form)).toEqual([]);
    const status = renderStatusCard(
      {
        state: 'not-accepted',
        customer: { tenantId: 't', companyName: 'C', domain: 'c.example', country: 'FR' },
        checkedAt: '2026-11-25T10:00:00Z',
      },
      { locale: lang, refreshUserIds: [] },
    );
    expect(cardProblems(status)).toEqual([]);
  });
});
