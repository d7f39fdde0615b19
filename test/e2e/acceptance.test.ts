import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_PARTNER_TENANT_ID } from '../../src/sandbox/constants';
import { BotHarness, type Who } from '../support/bot-harness';
import { cardText, executeActions, openUrls } from '../support/card-text';
import { submitFirstForm } from '../support/html-form';
import { until } from '../support/until';

const LUMIERE = 'e22735ea-5cd8-4571-a915-3be63342f40d';
const customer: Who = {
  tenantId: LUMIERE,
  aadObjectId: '6c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
  userId: '29:chloe',
  conversationId: 'a:customer-lumiere',
  locale: 'fr-FR',
};
const stranger: Who = {
  tenantId: '0b7e2f7c-9a51-4d55-8f0e-3c7e1f2d9a44',
  aadObjectId: '7d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f3a',
  conversationId: 'a:stranger',
};
const PARTNER_CONVERSATION = `a:personal-${SANDBOX_PARTNER_TENANT_ID.slice(0, 8)}`;

describe('MCA acceptance request, partner and customer in different tenants', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  const partnerUpdates = () =>
    bot.teams.requests.filter(
      (r) => r.method === 'PUT' && r.path.includes(encodeURIComponent(PARTNER_CONVERSATION)),
    );
  const partnerTexts = () =>
    bot.teams
      .messages(PARTNER_CONVERSATION)
      .map((m) => m.text ?? '')
      .filter(Boolean);
  let customerCard: any;

  it('greets a customer who installs the app and remembers their conversation', async () => {
    const before = bot.teams.messages().length;
    await bot.post(bot.activity('installationUpdate', customer, { action: 'add' }));
    const messages = await bot.teams.waitForMessages(before + 1);
    expect(cardText(messages.at(-1).attachments[0].content)).toContain(
      'Bonjour, je suis MCA Assist pour Fabrikam Cloud Solutions',
    );
    const stored = await bot.app.services.store.conversations.get(LUMIERE, customer.conversationId!);
    expect(stored).toMatchObject({ kind: 'customer', locale: 'fr-FR' });
  });

  it('offers Request acceptance on the status card and prefills the form from the billing profile', async () => {
    const [status] = await bot.say(`status ${LUMIERE}`);
    const request = executeActions(status).find((a) => a.verb === 'requestAcceptance');
    expect(request?.data).toEqual({ tenantId: LUMIERE });
    const form = await bot.click('requestAcceptance', request!.data);
    const inputs = JSON.stringify(form.card);
    expect(cardText(form.card)).toContain('Request MCA acceptance from Lumière & Fils SARL');
    expect(inputs).toContain('"value":"Chloé"');
    expect(inputs).toContain('"value":"Lefèvre"');
    expect(inputs).toContain('"value":"fr-FR"');
    expect(inputs).toMatch(/"value":"chloe\.lefevre@[^"]+"/);
  });

  it('returns the form with the problems marked and creates nothing when fields are wrong', async () => {
    const res = await bot.click('submitAcceptanceRequest', {
      tenantId: LUMIERE,
      firstName: 'Chloé',
      lastName: '',
      email: 'not-an-email',
      companyName: 'Lumière & Fils SARL',
      country: 'FR',
      language: 'ja-JP',
    });
    const text = cardText(res.card);
    expect(text).toContain('Please check the fields marked below.');
    expect(text).toContain('This field is required.');
    expect(text).toContain('Enter an e-mail address');
    expect(text).toContain('not published in this language');
    const records = await bot.app.services.store.records.findByIndex('acceptance-request', LUMIERE);
    expect(records).toEqual([]);
  });

  it('sends the request, delivers the customer card in Teams and updates the partner card', async () => {
    const res = await bot.click(
      'submitAcceptanceRequest',
      {
        tenantId: LUMIERE,
        firstName: 'Chloé',
        lastName: 'Lefèvre',
        email: 'chloe.lefevre@lumiere.example',
        phone: '+33 4 55 50 01 06',
        companyName: 'Lumière & Fils SARL',
        country: 'FR',
        language: 'fr-FR',
      },
      {},
      'manual',
      'form-message-1',
    );
    expect(cardText(res.card)).toContain('MCA acceptance request — Lumière & Fils SARL');
    // The partner works in English; the customer's card speaks the customer's language (fr-FR).
    customerCard = await until(
      () =>
        bot.teams
          .cards(customer.conversationId)
          .find((c) => executeActions(c).some((a) => a.verb === 'confirmAccepted')),
      'the customer card',
    );
    expect(cardText(customerCard)).toContain(
      "Fabrikam Cloud Solutions vous demande d'accepter le Contrat client Microsoft",
    );
    const urls = openUrls(customerCard);
    expect(urls[0]!.url).toMatch(new RegExp(`^${bot.app.sandbox!.url}/mca/\\?attestationid=`));
    expect(urls.some((u) => u.url.includes('/agreement-document?country=FR&language=fr-FR'))).toBe(true);
    expect(executeActions(customerCard).map((a) => a.verb)).toEqual(['confirmAccepted', 'contactPartner']);
    const update = await until(
      () =>
        partnerUpdates().find(
          (r) =>
            r.path.endsWith('/form-message-1') &&
            cardText(r.body.attachments[0].content).includes('Waiting for the customer'),
        ),
      'the partner card edit',
    );
    expect(cardText(update.body.attachments[0].content)).toContain('Teams');
  });

  it('refuses a user from a third tenant who clicks the customer’s button, and audits it', async () => {
    const action = executeActions(customerCard).find((a) => a.verb === 'confirmAccepted')!;
    const res = await bot.click(action.verb, action.data, stranger);
    expect(cardText(res.card)).toContain('another organisation');
    const audit = await bot.app.services.store.audit.list({ actorTenantId: stranger.tenantId!, limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'action.forged', details: { reason: 'wrong-tenant' } });
  });

  it('refuses tampered action data from the customer’s own tenant', async () => {
    const action = executeActions(customerCard).find((a) => a.verb === 'confirmAccepted')!;
    const forged = { ...action.data, requestId: '11111111-2222-4333-8444-555555555555' };
    const res = await bot.click(action.verb, forged, customer);
    expect(cardText(res.card)).toContain('another organisation or was changed');
  });

  it('says honestly that Partner Center does not show the acceptance yet', async () => {
    const action = executeActions(customerCard).find((a) => a.verb === 'confirmAccepted')!;
    const res = await bot.click(action.verb, action.data, customer);
    expect(res.status).toBe(200);
    expect(cardText(res.card)).toContain("jusqu'à cinq minutes");
  });

  it('posts a customer question to the partner conversation', async () => {
    const action = executeActions(customerCard).find((a) => a.verb === 'contactPartner')!;
    const res = await bot.click(
      action.verb,
      { ...action.data, question: 'Who at *Fabrikam* signs?' },
      customer,
    );
    expect(res.status).toBe(200);
    const text = await until(() => partnerTexts().find((t) => t.includes('Who at')), 'the question');
    expect(text).toContain('Lumière & Fils SARL');
    expect(text).toContain('\\*Fabrikam\\*');
  });

  it('detects acceptance on Microsoft’s page, finalizes, edits both cards and tells the partner once', async () => {
    const page = await submitFirstForm(openUrls(customerCard)[0]!.url);
    expect(page.status).toBe(200);
    const action = executeActions(customerCard).find((a) => a.verb === 'confirmAccepted')!;
    const clicks = await Promise.all(
      Array.from({ length: 5 }, () => bot.click(action.verb, action.data, customer)),
    );
    for (const click of clicks) expect(cardText(click.card)).toContain('Tout est en ordre');

    await until(
      () => partnerTexts().find((t) => t.includes('accepted the Microsoft Customer Agreement')),
      'the partner message',
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(
      partnerTexts().filter((t) => t.includes('accepted the Microsoft Customer Agreement')),
    ).toHaveLength(1);
    const partnerCard = partnerUpdates().at(-1)!.body.attachments[0].content;
    expect(cardText(partnerCard)).toContain('Accepted on');
    expect(cardText(partnerCard)).toContain('Chloé Lefèvre');
    const customerEdit = bot.teams.requests
      .filter((r) => r.method === 'PUT' && r.path.includes(encodeURIComponent(customer.conversationId!)))
      .at(-1);
    expect(cardText(customerEdit!.body.attachments[0].content)).toContain('Tout est en ordre');

    const [status] = await bot.say(`status ${LUMIERE}`);
    expect(cardText(status)).toContain('MCA accepted');
    expect(cardText(status)).toContain('Chloé Lefèvre');
    const audit = await bot.app.services.store.audit.list({ customerTenantId: LUMIERE, limit: 20 });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'acceptance.requested',
        'acceptance.delivered',
        'acceptance.check-requested',
        'acceptance.finalized',
        'acceptance.accepted',
      ]),
    );
  });

  it('lists no open request once it is accepted', async () => {
    const [card] = await bot.say('requests');
    expect(cardText(card)).toContain('Open MCA acceptance requests (0)');
  });
});
