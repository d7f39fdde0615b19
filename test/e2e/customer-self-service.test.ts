import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_PARTNER_TENANT_ID } from '../../src/sandbox/constants';
import { BotHarness, type Who } from '../support/bot-harness';
import { cardText, executeActions, openUrls } from '../support/card-text';
import { submitFirstForm } from '../support/html-form';
import { until } from '../support/until';

const LUMIERE = 'e22735ea-5cd8-4571-a915-3be63342f40d';
const CONTOSO = '434fb1a8-7442-4f06-a915-a825a1bb25b0';
const lumiere: Who = {
  tenantId: LUMIERE,
  aadObjectId: '6c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
  userId: '29:chloe',
  conversationId: 'a:customer-lumiere',
  locale: 'fr-FR',
};
const contoso: Who = {
  tenantId: CONTOSO,
  aadObjectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  userId: '29:olivia',
  conversationId: 'a:customer-contoso',
  locale: 'en-GB',
};
const stranger: Who = {
  tenantId: '0b7e2f7c-9a51-4d55-8f0e-3c7e1f2d9a44',
  aadObjectId: '7d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f3a',
  conversationId: 'a:stranger',
};
const PARTNER_CONVERSATION = `a:personal-${SANDBOX_PARTNER_TENANT_ID.slice(0, 8)}`;

describe('customers help themselves, in their own tenant and with their own data only', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
    await bot.say('help'); // the partner's conversation: where customers' asks go
  });
  afterAll(async () => {
    await bot.stop();
  });

  const askCards = () =>
    bot.teams.cards(PARTNER_CONVERSATION).filter((c) => cardText(c).includes('asks to accept the MCA'));
  const partnerTexts = () =>
    bot.teams
      .messages(PARTNER_CONVERSATION)
      .map((m) => m.text ?? '')
      .filter(Boolean);

  it('offers Check my status on the welcome card of a customer who installs the app', async () => {
    const before = bot.teams.messages().length;
    await bot.post(bot.activity('installationUpdate', lumiere, { action: 'add' }));
    const messages = await bot.teams.waitForMessages(before + 1);
    const card = messages.at(-1).attachments[0].content;
    expect(cardText(card)).toContain('Vérifier mon statut');
    expect(executeActions(card).map((a) => a.verb)).toEqual(['checkMyStatus']);
  });

  it('answers a customer’s help with what the app does for them and Check my status', async () => {
    const [card] = await bot.say('aide', lumiere);
    expect(cardText(card)).toContain('Bonjour, je suis MCA Assist pour Fabrikam Cloud Solutions');
    expect(executeActions(card).map((a) => a.verb)).toEqual(['checkMyStatus']);
  });

  it('answers `status` from a customer with their own company’s status and the one-click ask', async () => {
    const [card] = await bot.say('status', lumiere);
    const text = cardText(card);
    expect(text).toContain('Lumière & Fils SARL · Contrat client Microsoft');
    expect(text).toContain('Pas encore accepté');
    expect(text).toContain('Qui a des droits d');
    expect(text).toContain('Paramètres › Relations partenaires');
    expect(executeActions(card).map((a) => a.verb)).toEqual(['askForAcceptanceLink', 'checkMyStatus']);
    expect(executeActions(card)[0]!.title).toBe("Demander le lien d'acceptation à Fabrikam Cloud Solutions");
    expect(openUrls(card).map((u) => u.url)).toEqual([
      expect.stringContaining('/agreement-document?country=FR&language=fr-FR'),
    ]);
  });

  it('ignores another tenant named after `status`: a customer only ever sees their own company', async () => {
    const [card] = await bot.say(`status ${CONTOSO}`, lumiere);
    expect(cardText(card)).toContain('Lumière & Fils SARL');
    expect(cardText(card)).not.toContain('Contoso');
    const other = await bot.click('checkMyStatus', { tenantId: LUMIERE }, contoso);
    expect(cardText(other.card)).toContain('Contoso Ltd · Microsoft Customer Agreement');
    expect(cardText(other.card)).toContain('✅ Accepted');
    expect(cardText(other.card)).not.toContain('Lumière');
    // The partner's own verbs stay closed to customers.
    const refused = await bot.click('showStatus', { tenantId: LUMIERE }, contoso);
    expect(cardText(refused.card)).not.toContain('Lumière');
  });

  it('tells a user of an unknown tenant nothing, whatever they type or click', async () => {
    for (const reply of [
      (await bot.say('status', stranger))[0],
      (await bot.say(`status ${LUMIERE}`, stranger))[0],
      (await bot.click('checkMyStatus', {}, stranger)).card,
      (await bot.click('askForAcceptanceLink', { tenantId: LUMIERE }, stranger)).card,
    ]) {
      const text = cardText(reply);
      expect(text).toContain('This app is for customers of Fabrikam Cloud Solutions');
      expect(text).not.toMatch(/Lumière|Contoso|accepted/i);
    }
    expect(askCards()).toHaveLength(0);
    const audit = await bot.app.services.store.audit.list({ actorTenantId: stranger.tenantId!, limit: 10 });
    expect(audit.map((e) => e.action)).toContain('access.refused');
    expect(audit.every((e) => e.customerTenantId === undefined)).toBe(true);
  });

  it('asks the partner once: the partner’s notification conversation gets the ask card', async () => {
    const first = await bot.click('askForAcceptanceLink', {}, lumiere);
    expect(cardText(first.card)).toContain('Fabrikam Cloud Solutions a votre demande');
    const ask = await until(() => askCards()[0], 'the ask card');
    expect(cardText(ask)).toContain('Lumière & Fils SARL asks to accept the MCA');
    expect(executeActions(ask)[0]).toMatchObject({ verb: 'requestAcceptance', data: { tenantId: LUMIERE } });
    const again = await bot.click('askForAcceptanceLink', {}, lumiere);
    expect(cardText(again.card)).toContain('Vous avez déjà demandé');
    await new Promise((r) => setTimeout(r, 100));
    expect(askCards()).toHaveLength(1);
    const audit = await bot.app.services.store.audit.list({ customerTenantId: LUMIERE, limit: 20 });
    expect(audit.filter((e) => e.action === 'customer.asked-link').map((e) => e.details?.outcome)).toEqual([
      'asked-repeat',
      'asked',
    ]);
  });

  let customerCard: any;
  it('Send acceptance request opens the prefilled form and runs the normal request flow', async () => {
    const ask = askCards()[0]!;
    const form = await bot.click('requestAcceptance', executeActions(ask)[0]!.data);
    const inputs = JSON.stringify(form.card);
    expect(inputs).toContain('"value":"Chloé"');
    expect(inputs).toContain('"value":"fr-FR"');
    const sent = await bot.click('submitAcceptanceRequest', {
      tenantId: LUMIERE,
      firstName: 'Chloé',
      lastName: 'Lefèvre',
      email: 'chloe.lefevre@lumiere.example',
      companyName: 'Lumière & Fils SARL',
      country: 'FR',
      language: 'fr-FR',
    });
    expect(cardText(sent.card)).toContain('MCA acceptance request — Lumière & Fils SARL');
    customerCard = await until(
      () =>
        bot.teams
          .cards(lumiere.conversationId)
          .find((c) => executeActions(c).some((a) => a.verb === 'confirmAccepted')),
      'the customer card',
    );
    const [status] = await bot.say('status', lumiere);
    expect(cardText(status)).toContain('a envoyé le lien d');
    expect(openUrls(status)[0]!.url).toBe(openUrls(customerCard)[0]!.url);
    expect(executeActions(status).map((a) => a.verb)).toEqual(['checkMyStatus']);
  });

  it('limits what one customer can send the partner: 5 a day, an identical question once', async () => {
    const contact = executeActions(customerCard).find((a) => a.verb === 'contactPartner')!;
    const notes: string[] = [];
    for (let i = 1; i <= 20; i++) {
      const res = await bot.click(
        contact.verb,
        { ...contact.data, question: `Question numéro ${i} ?` },
        lumiere,
      );
      notes.push(cardText(res.card));
    }
    // The ask took one of the five.
    expect(notes.filter((n) => n.includes('a été envoyé à Fabrikam'))).toHaveLength(4);
    expect(notes.slice(4).every((n) => n.includes('limite de messages du jour'))).toBe(true);
    await until(
      () => partnerTexts().filter((t) => t.includes('Question numéro')).length === 4 || undefined,
      '4',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(partnerTexts().filter((t) => t.includes('Question numéro'))).toHaveLength(4);
    const repeat = await bot.click(
      contact.verb,
      { ...contact.data, question: 'QUESTION  numéro 1 ?' },
      lumiere,
    );
    expect(cardText(repeat.card)).toContain('déjà envoyé cette question');
  });

  it('closes the loop: accepted on Microsoft’s page, I’ve accepted shows it, the partner is told', async () => {
    expect((await submitFirstForm(openUrls(customerCard)[0]!.url)).status).toBe(200);
    const res = await bot.click('checkMyStatus', { accepted: true }, lumiere);
    const text = cardText(res.card);
    expect(text).toContain('✅ Accepté');
    expect(text).toContain('Chloé Lefèvre');
    expect(executeActions(res.card).map((a) => a.title)).toEqual(['Actualiser']);
    await until(
      () => partnerTexts().find((t) => t.includes('accepted the Microsoft Customer Agreement')),
      'the partner is told',
    );
  });
});
