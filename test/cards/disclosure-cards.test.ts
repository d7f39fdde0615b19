import { describe, expect, it } from 'vitest';
import { availableLanguages, stringsFor, t } from '../../src/cards/i18n';
import type { Services } from '../../src/core/context';
import { createSigner } from '../../src/core/signing';
import { renderCustomerCard, renderCustomerEmail } from '../../src/features/acceptance/customer-card';
import type { AcceptanceRequest } from '../../src/features/acceptance/request-store';
import { relationshipMessage } from '../../src/features/relationships/customer-message';
import { cardText } from '../support/card-text';
import { cardProblems } from '../support/validate-card';

const services = {
  partner: { tenantId: '7d1c0c2a-5f43-4c8e-9a3b-2f6d1e8b4a10', name: 'Fabrikam' },
  signer: createSigner('s'.repeat(40)),
  links: { agreementDocument: () => 'https://bot.example.com/agreement-document?sig=x' },
} as unknown as Services;

const request = (locale: string, state: AcceptanceRequest['state']) =>
  ({
    id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    customerTenantId: 'e22735ea-5cd8-4571-a915-3be63342f40d',
    companyName: 'Lumière & Fils SARL',
    country: 'FR',
    language: 'fr-FR',
    customerLocale: locale,
    signatory: { firstName: 'Chloé', lastName: 'Lefèvre', email: 'chloe@lumiere.example' },
    state,
    acceptanceUrl: 'https://cdn.partner.microsoft.com/mca/?attestationid=a1',
  }) as AcceptanceRequest;

describe.each(availableLanguages())('disclosures in %s', (lang) => {
  const s = stringsFor(lang);
  const azure = t(s, 'disclosure.azure', { partner: 'Fabrikam' });
  const otherPartner = t(s, 'disclosure.otherPartner', { partner: 'Fabrikam' });

  it('are on the open acceptance card and its e-mail, and gone once it is closed', () => {
    const open = renderCustomerCard(request(lang, 'sent'), services);
    expect(cardProblems(open)).toEqual([]);
    expect(cardText(open)).toContain(azure);
    expect(cardText(open)).toContain(otherPartner);
    expect(renderCustomerEmail(request(lang, 'sent'), services).text).toContain(otherPartner);
    expect(cardText(renderCustomerCard(request(lang, 'accepted'), services))).not.toContain(otherPartner);
  });

  it('are on the reseller invitation (card and e-mail), not on the GDAP approval request', () => {
    const input = {
      customerTenantId: 'e22735ea-5cd8-4571-a915-3be63342f40d',
      companyName: 'Lumière',
      partnerName: 'Fabrikam',
      link: 'https://admin.microsoft.com/x',
      locale: lang,
      idempotencyKey: 'k',
    };
    const invite = relationshipMessage({ ...input, kind: 'invite' });
    expect(cardProblems(invite.card)).toEqual([]);
    expect(cardText(invite.card)).toContain(azure);
    expect(invite.email.text).toContain(otherPartner);
    expect(invite.email.html).toContain(otherPartner);
    const gdap = relationshipMessage({ ...input, kind: 'gdap', roleIds: [], durationDays: 30 });
    expect(cardText(gdap.card)).not.toContain(azure);
  });
});
