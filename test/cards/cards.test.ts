import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderNoticeCard } from '../../src/cards/notice-card';
import { silentLogger } from '../../src/core/logger';
import { AppError, type AppErrorCode } from '../../src/core/errors';
import { errorReply } from '../../src/core/report-error';
import { createRouter } from '../../src/app';
import { renderHelpCard } from '../../src/features/help/help-card';
import type { AgreementStatus } from '../../src/features/status/agreement-status';
import { renderPickCustomerCard } from '../../src/features/status/pick-customer-card';
import { renderStatusCard } from '../../src/features/status/status-card';
import { cardText } from '../support/card-text';
import { relationshipCards } from './relationship-cards';
import { portfolioCards } from './portfolio-cards';
import { purchaseCards } from './purchase-cards';
import { cardProblems, verbsOf } from '../support/validate-card';

const base: AgreementStatus = {
  state: 'not-accepted',
  customer: {
    tenantId: '8fdcceb0-8c63-411f-a6f0-27304fb58973',
    companyName: 'Contoso Pharma GmbH',
    domain: 'contosopharma.onmicrosoft.com',
    country: 'DE',
    culture: 'de-DE',
    relationshipToPartner: 'reseller',
  },
  checkedAt: '2026-11-25T10:00:00.000Z',
};
const attestation = { dateAgreed: '2022-09-19T13:45:00', signer: { firstName: 'Lena', lastName: 'Müller' } };

const STATUSES: [string, AgreementStatus][] = [
  [
    'accepted-attested',
    {
      ...base,
      state: 'accepted-attested',
      attestation: { ...attestation, dateAgreed: '2025-02-11T10:15:00' },
    },
  ],
  ['accepted-directly', { ...base, state: 'accepted-directly' }],
  ['accepted-directly with an old attestation', { ...base, state: 'accepted-directly', attestation }],
  ['reacceptance-required', { ...base, state: 'reacceptance-required', attestation }],
  ['not-accepted', base],
  [
    'unknown: no relationship',
    {
      ...base,
      state: 'unknown',
      reason: 'no-relationship',
      customer: { ...base.customer, relationshipToPartner: 'advisor' },
    },
  ],
  ['unknown: permission', { ...base, state: 'unknown', reason: 'permission' }],
  ['unknown: unavailable', { ...base, state: 'unknown', reason: 'unavailable' }],
  ['no country', { ...base, customer: { ...base.customer, country: undefined } }],
];
const document = {
  url: 'https://bot.example.com/agreement-document?country=DE&language=de-DE&sig=x',
  country: 'DE',
  language: 'de-DE',
};

const CODES: AppErrorCode[] = [
  'INPUT_INVALID',
  'CUSTOMER_NOT_FOUND',
  'NOT_PARTNER_USER',
  'UNKNOWN_VERB',
  'PC_THROTTLED',
  'PC_UNAVAILABLE',
  'PC_UNAUTHORIZED',
  'AUTH_TOKEN_FAILED',
  'PC_MFA_REQUIRED',
  'PC_FORBIDDEN',
  'INTERNAL',
];

/** Every card the bot can produce, rendered with representative data. */
function allCards(): [string, unknown][] {
  const cards: [string, unknown][] = [];
  for (const [name, status] of STATUSES) {
    cards.push([
      `status ${name}`,
      renderStatusCard(status, { locale: 'en-US', refreshUserIds: ['29:a'], document }),
    ]);
  }
  cards.push([
    'status without document link',
    renderStatusCard(base, { locale: 'en-US', refreshUserIds: [] }),
  ]);
  const matches = Array.from({ length: 12 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    companyProfile: { tenantId: 'x', companyName: `Contoso ${i}`, domain: `contoso${i}.onmicrosoft.com` },
  }));
  cards.push(['pick 2', renderPickCustomerCard('contoso', matches.slice(0, 2), 'en-US')]);
  cards.push(['pick 11+', renderPickCustomerCard('contoso', matches, 'en-US')]);
  cards.push([
    'help',
    renderHelpCard({ locale: 'en', partnerName: 'Fabrikam', variant: 'help', example: 'contoso' }),
  ]);
  cards.push(['welcome', renderHelpCard({ locale: 'en', partnerName: 'Fabrikam', variant: 'welcome' })]);
  cards.push([
    'unknown text',
    renderHelpCard({ locale: 'en', partnerName: 'Fabrikam', variant: 'help', unknownText: 'foo' }),
  ]);
  cards.push(['notice', renderNoticeCard({ title: 'T', message: 'M' }, 'en')]);
  for (const code of CODES) {
    const reply = errorReply(new AppError(code, 'A message.', { details: { query: 'q' } }), {
      locale: 'en-US',
      log: silentLogger(),
      partnerName: 'Fabrikam',
      retry: { verb: 'refreshStatus', data: { tenantId: 'x' } },
    });
    cards.push([`error ${code}`, reply.card]);
  }
  cards.push(...portfolioCards());
  cards.push(...relationshipCards());
  cards.push(...purchaseCards());
  return cards;
}

describe('Adaptive Cards', () => {
  it.each(allCards())('%s parses at version 1.5 without problems', (_name, card) => {
    expect(cardProblems(card)).toEqual([]);
  });

  it('the validator catches a broken card', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlok', text: 'x' }],
      actions: [{ type: 'Action.Execute', title: 'x' }],
    };
    const problems = cardProblems(broken);
    expect(problems.some((p) => p.includes('TextBlok'))).toBe(true);
    expect(problems).toContain('Action.Execute without verb');
  });

  it('every verb a card uses has a handler, and every handler is used by a card', () => {
    const templateVerbs = new Set<string>();
    const dir = path.join(__dirname, '../../cards');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(/"verb":\s*"([A-Za-z]+)"/g))
        templateVerbs.add(m[1]!);
    }
    for (const [, card] of allCards()) for (const v of verbsOf(card)) templateVerbs.add(v);
    const handled = new Set(createRouter().verbNames());
    expect([...templateVerbs].filter((v) => !handled.has(v))).toEqual([]);
    expect([...handled].filter((v) => !templateVerbs.has(v))).toEqual([]);
  });

  it('puts the signer and the date on an attested status card', () => {
    const text = cardText(
      STATUSES[0]![1] && renderStatusCard(STATUSES[0]![1], { locale: 'en-GB', refreshUserIds: [], document }),
    );
    expect(text).toContain('Lena Müller');
    expect(text).toContain('11 Feb 2025');
    expect(text).toContain('Partner attestation in Partner Center');
    expect(text).toContain('Germany');
  });

  it('never lists more than ten customers on the pick card and says there are more', () => {
    const card = allCards().find(([n]) => n === 'pick 11+')![1];
    const text = cardText(card);
    expect(verbsOf(card).filter((v) => v === 'showStatus')).toHaveLength(10);
    expect(text).toContain('10+ customers match');
    expect(text).toContain('Type more of the name');
  });
});
