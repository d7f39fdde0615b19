import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, generateCustomers } from '../../src/sandbox';
import { forgetCustomerDirectory } from '../../src/features/status/customer-directory';
import { BotHarness, CUSTOMER_TENANT_ID } from '../support/bot-harness';
import { cardText, executeActions } from '../support/card-text';
import { composeQuery, rows, selectItem } from '../support/compose';
import { until } from '../support/until';
import { cardProblems } from '../support/validate-card';

const PHARMA = '8fdcceb0-8c63-411f-a6f0-27304fb58973';
const STRANGER = { tenantId: CUSTOMER_TENANT_ID, aadObjectId: '11111111-2222-4333-8444-555555555555' };
// More customers than one page holds, none named like the demo customers the assertions look for.
const EXTRA = generateCustomers(40, 15)
  .filter((c) => !/^(contoso|bodegas|lumi)/i.test(c.companyProfile.companyName))
  .slice(0, 30);

describe('findCustomer: the search-based message extension through HTTP', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
    for (const c of EXTRA) bot.app.sandbox!.world.addCustomer(c);
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('lists matching customers with company, domain and the status in words and a colour', async () => {
    await bot.say(`status ${PHARMA}`); // a checked customer has a known status
    const answer = await composeQuery(bot, 'contoso');
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('result');
    const found = rows(answer);
    expect(found.map((r) => r.title)).toEqual(['Contoso Ltd', 'Contoso Pharma GmbH']);
    const pharma = found.find((r) => r.title === 'Contoso Pharma GmbH')!;
    expect(pharma.subtitle).toBe('contosopharma.onmicrosoft.com');
    expect(pharma.text).toBe('🔴 Not accepted');
    expect(found[0]!.text).toBe('⚪ Not checked yet');
    expect(pharma.tap).toEqual({ commandId: 'findCustomer', tenantId: PHARMA });
  });

  it('finds by domain, by tenant id, and without accents', async () => {
    expect(rows(await composeQuery(bot, 'bodegascoho.onmicrosoft')).map((r) => r.title)).toEqual([
      'Bodegas Coho S.L.',
    ]);
    expect(rows(await composeQuery(bot, PHARMA.toUpperCase())).map((r) => r.title)).toEqual([
      'Contoso Pharma GmbH',
    ]);
    expect(rows(await composeQuery(bot, 'lumiere'))[0]!.title).toBe('Lumière & Fils SARL');
  });

  it('lists 25 customers at most, and the next page on request', async () => {
    const total = DEMO_CUSTOMERS.length + EXTRA.length;
    const first = rows(await composeQuery(bot, ''));
    expect(first).toHaveLength(25);
    const asked = rows(await composeQuery(bot, '', {}, { count: 100 }));
    expect(asked).toHaveLength(25);
    const rest = rows(await composeQuery(bot, '', {}, { skip: 25 }));
    expect(rest).toHaveLength(total - 25);
    expect(new Set([...first, ...rest].map((r) => r.tap.tenantId)).size).toBe(total);
  });

  it('inserts the status card, refreshed for every reader, when a row is picked', async () => {
    const [pharma] = rows(await composeQuery(bot, 'contoso pharma'));
    const picked = await selectItem(bot, pharma!.tap);
    expect(picked.status).toBe(200);
    const [attachment] = picked.attachments;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachment.content;
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toContain('Contoso Pharma GmbH');
    expect(cardText(card)).toContain('MCA not accepted yet');
    expect(card.refresh.action).toMatchObject({
      verb: 'refreshStatus',
      data: { tenantId: PHARMA, shared: true },
    });
    expect(card.refresh.userIds).toBeUndefined();
    expect(attachment.preview.content.title).toBe('Contoso Pharma GmbH');

    // Teams refreshes it for a reader: still a card for everyone, with the current state.
    bot.app.sandbox!.world.setDirectlySigned(PHARMA, true);
    try {
      const refresh = await bot.click('refreshStatus', card.refresh.action.data, { userId: '29:reader' });
      expect(cardText(refresh.card)).toContain('MCA accepted by the customer');
      expect(refresh.card.refresh.userIds).toBeUndefined();
      expect(executeActions(refresh.card).map((a) => a.verb)).toContain('refreshStatus');
    } finally {
      bot.app.sandbox!.world.setDirectlySigned(PHARMA, false);
    }
  });

  it('gives users outside the partner tenant an empty result with one line, naming no customer', async () => {
    const answer = await composeQuery(bot, 'contoso', STRANGER);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('message');
    expect(answer.attachments).toEqual([]);
    expect(answer.text).toBe('Customer search is only for Fabrikam Cloud Solutions staff.');
    const picked = await selectItem(bot, { commandId: 'findCustomer', tenantId: PHARMA }, STRANGER);
    expect(JSON.stringify(picked.attachments)).not.toContain('Contoso');
    expect(cardText(picked.attachments[0].content)).toContain('This is for Fabrikam Cloud Solutions staff');
  });

  it('answers a query over 200 characters or with control characters with a clear message', async () => {
    const long = await composeQuery(bot, 'c'.repeat(201));
    expect(long).toMatchObject({ status: 200, type: 'message', attachments: [] });
    expect(long.text).toContain('longer than 200 characters');
    const control = await composeQuery(bot, 'contoso\u0007');
    expect(control).toMatchObject({ type: 'message', attachments: [] });
    expect(control.text).toContain('control characters');
    const none = await composeQuery(bot, 'zzzz-no-such-company');
    expect(none.text).toContain('No customer matches');
  });

  it('speaks the user’s language', async () => {
    await bot.say(`status ${PHARMA}`); // the last known status, after the refresh above
    const answer = await composeQuery(bot, 'contoso pharma', { locale: 'de-DE' });
    expect(rows(answer)[0]!.text).toBe('🔴 Nicht akzeptiert');
    const stranger = await composeQuery(bot, 'x', { ...STRANGER, locale: 'de-DE' });
    expect(stranger.text).toContain('nur für Mitarbeitende');
  });

  it('refuses a picked row with a forged tenant id', async () => {
    const picked = await selectItem(bot, { commandId: 'findCustomer', tenantId: 'not-a-guid' });
    expect(cardText(picked.attachments[0].content)).toContain('does not name a valid customer');
    const unknown = await composeQuery(bot, 'x', {}, { commandId: 'noSuchCommand' });
    expect(unknown.type).toBe('message');
  });

  it('answers within Teams’ time when the customer list is slow to load, and has it on the next search', async () => {
    const { world } = bot.app.sandbox!;
    await forgetCustomerDirectory(bot.app.services);
    world.setLatency(4_500);
    try {
      const first = await composeQuery(bot, 'contoso');
      expect(first).toMatchObject({ type: 'message', attachments: [] });
      expect(first.text).toContain('still loading');
    } finally {
      world.setLatency(0);
    }
    await until(
      async () => (await bot.app.services.store.cache.get('customer-directory', 'list')) !== undefined,
      'the customer list in the cache',
    );
    expect(rows(await composeQuery(bot, 'contoso pharma'))[0]!.title).toBe('Contoso Pharma GmbH');
  });
});
