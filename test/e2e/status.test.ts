import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS } from '../../src/sandbox';
import { BotHarness, CUSTOMER_TENANT_ID } from '../support/bot-harness';
import { cardText, executeActions, openUrls } from '../support/card-text';

const EXPECTED_HEADLINE: Record<string, string> = {
  attested: 'MCA accepted',
  'attested-and-direct': 'MCA accepted by the customer',
  direct: 'MCA accepted by the customer',
  'attested-before-2023': 'Needs to accept the MCA again',
  'not-accepted': 'MCA not accepted yet',
  'no-relationship': "Can't tell",
};

describe('status through HTTP, CloudAdapter and the sandbox', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it.each(DEMO_CUSTOMERS.map((c) => [c.companyProfile.companyName, c] as const))(
    'shows the right status for %s when asked by tenant id',
    async (_name, customer) => {
      const [card] = await bot.say(`status ${customer.id}`);
      const text = cardText(card);
      expect(text).toContain(EXPECTED_HEADLINE[customer.scenario]);
      expect(text).toContain(customer.id);
      expect(text).toContain('What to do next');
      expect(card.version).toBe('1.5');
    },
  );

  it('answers a unique company-name prefix with the status card of that customer', async () => {
    const [card] = await bot.say('status fabrikam');
    const text = cardText(card);
    expect(text).toContain('Fabrikam, Inc.');
    expect(text).toContain('MCA accepted by the customer');
    expect(text).toContain('fabrikam.onmicrosoft.com');
    expect(text).toContain('United States');
    expect(executeActions(card).map((a) => a.verb)).toContain('refreshStatus');
  });

  it('finds customers without accents and by a word inside the name when the prefix search finds nothing', async () => {
    const [lumiere] = await bot.say('status lumiere');
    expect(cardText(lumiere)).toContain('Lumière & Fils SARL');
    const [pharma] = await bot.say('status PHARMA');
    expect(cardText(pharma)).toContain('Contoso Pharma GmbH');
    const [worther] = await bot.say('status worthersee');
    expect(cardText(worther)).toContain('Wörthersee Ölmühle GmbH');
  });

  it('finds a customer by its domain', async () => {
    const [card] = await bot.say('status bodegascoho.onmicrosoft.com');
    const text = cardText(card);
    expect(text).toContain('Bodegas Coho S.L.');
    expect(text).toContain('Needs to accept the MCA again');
    expect(text).toContain('before 1 April 2023');
    expect(text).toContain('Lucía Fernández');
  });

  it('returns a pick-one card when two customers match, and a pick shows the status', async () => {
    const [card] = await bot.say('status contoso');
    const text = cardText(card);
    expect(text).toContain('2 customers match');
    expect(text).toContain('Contoso Ltd');
    expect(text).toContain('Contoso Pharma GmbH');
    const pharma = executeActions(card).find(
      (a) => a.data.tenantId === '8fdcceb0-8c63-411f-a6f0-27304fb58973',
    );
    expect(pharma?.verb).toBe('showStatus');

    const picked = await bot.click(pharma!.verb, pharma!.data);
    expect(picked.status).toBe(200);
    expect(picked.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(picked.card)).toContain('Contoso Pharma GmbH');
    expect(cardText(picked.card)).toContain('MCA not accepted yet');
  });

  it('refresh re-reads Partner Center and replaces the card with the new state', async () => {
    const id = 'e22735ea-5cd8-4571-a915-3be63342f40d';
    const [card] = await bot.say(`status ${id}`);
    expect(cardText(card)).toContain('MCA not accepted yet');
    bot.app.sandbox!.world.setDirectlySigned(id, true);
    try {
      const refresh = executeActions(card).find((a) => a.verb === 'refreshStatus')!;
      const res = await bot.click(refresh.verb, refresh.data);
      expect(res.status).toBe(200);
      expect(cardText(res.card)).toContain('MCA accepted by the customer');
      expect(cardText(res.card)).toContain('Lumière & Fils SARL');
    } finally {
      bot.app.sandbox!.world.setDirectlySigned(id, false);
    }
  });

  it('sets up Universal Actions refresh for the user who asked', async () => {
    const [card] = await bot.say('status fabrikam', { userId: '29:alice' });
    expect(card.refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'refreshStatus' });
    expect(card.refresh.userIds).toEqual(['29:alice']);
  });

  it('escapes Markdown in company names', async () => {
    const [card] = await bot.say('status e230ccc0-bfb9-46cc-9e46-6d69bd31ff1d');
    expect(cardText(card)).toContain('\\*Star\\* \\[Labs\\]\\_ Pty Ltd');
  });

  it('explains a customer without a reseller relationship instead of failing', async () => {
    const [card] = await bot.say('status adventure works');
    const text = cardText(card);
    expect(text).toContain("Can't tell");
    expect(text).toContain('reseller relationship invitation');
  });

  it('links the agreement through a signed redirect that fetches a fresh document', async () => {
    const [card] = await bot.say('status 8fdcceb0-8c63-411f-a6f0-27304fb58973');
    const link = openUrls(card).find((l) => l.title.startsWith('Read the MCA'))!;
    expect(link.title).toBe('Read the MCA (Germany, German)');
    expect(link.url.startsWith(`${bot.url}/agreement-document?`)).toBe(true);

    const res = await fetch(link.url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location.startsWith(bot.app.sandbox!.url)).toBe(true);
    const doc = await fetch(location);
    expect(doc.status).toBe(200);
    expect(await doc.text()).toContain('de-DE');

    const forged = await fetch(link.url.replace('country=DE', 'country=FR'), { redirect: 'manual' });
    expect(forged.status).toBe(403);
  });

  it('writes an audit entry for each check without personal data', async () => {
    await bot.say('status fabrikam');
    const entries = await bot.app.services.store.audit.list({
      customerTenantId: '4db61b85-10e6-4651-969d-6fbe6f49b1fc',
      limit: 5,
    });
    expect(entries[0]).toMatchObject({ action: 'status.checked', details: { state: 'accepted-directly' } });
    expect(JSON.stringify(entries)).not.toMatch(/Emily|Carter|example\.com/);
  });

  it('refuses users of other tenants and reveals nothing about customers', async () => {
    const cards = await bot.say('status contoso', {
      tenantId: CUSTOMER_TENANT_ID,
      aadObjectId: '11111111-2222-4333-8444-555555555555',
    });
    const text = cardText(cards[0]);
    // `status` from another tenant is the customer's own-status command: not a customer → nothing.
    expect(text).toContain('This app is for customers of Fabrikam Cloud Solutions');
    expect(text).not.toContain('Contoso');
    const refresh = await bot.click(
      'refreshStatus',
      { tenantId: '434fb1a8-7442-4f06-a915-a825a1bb25b0' },
      { tenantId: CUSTOMER_TENANT_ID },
    );
    expect(cardText(refresh.card)).not.toContain('Contoso');
    expect(cardText(refresh.card)).toContain('This is for Fabrikam Cloud Solutions staff');
    const audit = await bot.app.services.store.audit.list({ actorTenantId: CUSTOMER_TENANT_ID, limit: 5 });
    expect(audit.map((e) => e.action)).toContain('access.refused');
  });

  it('never logs personal data of customers, nor puts any in span attributes', () => {
    const personal = /Olivia|Bennett|Lucía|example\.com|sandbox-user-token|sandbox-app-token/;
    const logs = bot.logLines.join('');
    expect(logs).not.toMatch(personal);
    const spans = bot.spans.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(expect.arrayContaining(['turn', 'partner-center getCustomer']));
    const attributes = JSON.stringify(spans.map((s) => [s.name, s.attributes, s.status, s.events]));
    expect(attributes).not.toMatch(personal);
    // No tenant, customer or user id either (the tests asked by tenant id and company name).
    expect(attributes).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(attributes).not.toMatch(/contoso/i);
  });
});
