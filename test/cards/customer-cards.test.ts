import { createAppMemory } from '../../src/core/app-memory';
import { describe, expect, it } from 'vitest';
import { availableLanguages, stringsFor } from '../../src/cards/i18n';
import { renderTemplate } from '../../src/cards/render';
import type { AcceptanceRequest } from '../../src/features/acceptance/request-store';
import { renderAskCard } from '../../src/features/customers/ask-card';
import { partnerAdminCenterReply } from '../../src/features/customers/partner-admin-center-card';
import type { FeatureContext } from '../../src/core/context';
import {
  renderCustomerStatusCard,
  type CustomerStatusNote,
} from '../../src/features/customers/customer-status-card';
import type { AgreementStatus } from '../../src/features/status/agreement-status';
import type { Customer } from '../../src/partner-center/types';
import { cardText, executeActions } from '../support/card-text';
import { cardProblems } from '../support/validate-card';
import { localCoordination } from '../../src/coordination';

const status = (state: AgreementStatus['state'], reason?: AgreementStatus['reason']): AgreementStatus => ({
  state,
  reason,
  customer: { tenantId: 't1', companyName: 'Lumière *&* Fils', domain: 'l.example', country: 'FR' },
  attestation:
    state === 'not-accepted'
      ? undefined
      : { dateAgreed: '2025-02-11T10:00:00Z', signer: { firstName: 'Chloé', lastName: 'Lefèvre' } },
  checkedAt: '2026-11-25T10:00:00Z',
});
const open = {
  acceptanceUrl: 'https://cdn.partner.microsoft.com/mca/?attestationid=a1',
} as AcceptanceRequest;
const NOTES: CustomerStatusNote[] = [
  undefined,
  'asked',
  'asked-repeat',
  'ask-limit',
  'ask-unreachable',
  'not-yet',
  'already-open',
  'not-needed',
];
const customer = {
  id: 'e22735ea-5cd8-4571-a915-3be63342f40d',
  companyProfile: {
    tenantId: 'e22735ea-5cd8-4571-a915-3be63342f40d',
    domain: 'l.example',
    companyName: 'Lumière _Fils_',
  },
  billingProfile: { defaultAddress: { country: 'FR' } },
} as unknown as Customer;

describe.each(availableLanguages())('customer self-service cards in %s', (lang) => {
  const s = stringsFor(lang);
  it('render the customer status card valid in every state and note', () => {
    const states: [AgreementStatus['state'], AgreementStatus['reason']?][] = [
      ['accepted-attested'],
      ['accepted-directly'],
      ['reacceptance-required'],
      ['not-accepted'],
      ['unknown', 'no-relationship'],
      ['unknown', 'unavailable'],
    ];
    for (const [state, reason] of states) {
      for (const note of NOTES) {
        for (const withOpen of [undefined, open]) {
          const card = renderCustomerStatusCard({
            status: status(state, reason),
            open: withOpen,
            note,
            partnerName: 'Fabrikam *Cloud*',
            locale: lang,
            documentUrl: 'https://bot.example/agreement-document?country=FR&language=fr-FR&sig=x',
            admin: { title: 'Admins', lines: ['a', 'b'] },
          });
          expect(cardProblems(card)).toEqual([]);
        }
      }
    }
    const notAccepted = renderCustomerStatusCard({
      status: status('not-accepted'),
      partnerName: 'Fabrikam *Cloud*',
      locale: lang,
      documentUrl: 'https://bot.example/doc',
    });
    expect(cardText(notAccepted)).toContain('Lumière \\*&\\* Fils');
    expect(executeActions(notAccepted).map((a) => a.verb)).toEqual(['askForAcceptanceLink', 'checkMyStatus']);
    expect(executeActions(notAccepted)[1]!.title).toBe(s['customer.accepted']);
    const withLink = renderCustomerStatusCard({
      status: status('reacceptance-required'),
      open,
      partnerName: 'F',
      locale: lang,
      documentUrl: 'https://bot.example/doc',
    });
    expect(JSON.stringify(withLink)).toContain(open.acceptanceUrl!);
    expect(executeActions(withLink).map((a) => a.verb)).toEqual(['checkMyStatus']);
  });

  it('render the welcome card and the partner’s ask card valid, with their buttons', () => {
    const welcome = renderTemplate('customer-welcome', lang, { title: 'x', message: 'y', hint: 'z' });
    expect(cardProblems(welcome)).toEqual([]);
    expect(executeActions(welcome)[0]).toMatchObject({
      verb: 'checkMyStatus',
      title: s['customer.welcome.check'],
    });
    const ask = renderAskCard(customer, '2026-11-25T10:00:00Z', lang);
    expect(cardProblems(ask)).toEqual([]);
    expect(cardText(ask)).toContain('Lumière \\_Fils\\_');
    expect(executeActions(ask).map((a) => a.verb)).toEqual(['requestAcceptance', 'showStatus']);
  });

  it('render the partner’s “contact your partner” card valid, with a searchable pick-one', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      companyProfile: { tenantId: 'x', domain: `c${i}.example`, companyName: `Company *${i}*` },
    }));
    const ctx = {
      locale: lang,
      services: {
        partner: { name: 'Fabrikam' },
        store: { cache: { get: async () => undefined, put: async () => undefined } },
        partnerCenter: {
          async *listCustomers() {
            yield many;
          },
        },
        clock: { now: () => new Date('2026-11-25T10:00:00Z') },
        coordination: localCoordination(),
        memory: createAppMemory(),
      },
    } as unknown as FeatureContext;
    const { card } = await partnerAdminCenterReply(ctx);
    expect(cardProblems(card!)).toEqual([]);
    const set = (card!.body as any[]).find((e) => e.type === 'Input.ChoiceSet');
    expect(set).toMatchObject({ id: 'tenantId', style: 'filtered', isRequired: true });
    expect(set.choices).toHaveLength(100);
    expect(set.choices[0].title).toBe('Company *0* (c0.example)');
    expect(cardText(card!)).toContain(s['adminMsg.partner.more'].slice(0, 12));
  });
});
