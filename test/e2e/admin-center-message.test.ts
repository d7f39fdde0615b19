import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness, type Who } from '../support/bot-harness';
import { cardText, executeActions } from '../support/card-text';

const LUMIERE = 'e22735ea-5cd8-4571-a915-3be63342f40d';
const PHARMA = '8fdcceb0-8c63-411f-a6f0-27304fb58973';
const TAILSPIN = '7e54339f-40ba-43cd-8d67-4d7db418ff1a';
const customer = (tenantId: string, locale: string, name: string): Who => ({
  tenantId,
  aadObjectId: `${tenantId.slice(0, 8)}-1111-4222-8333-444455556666`,
  userId: `29:${name}`,
  conversationId: `a:customer-${name}`,
  locale,
});
const stranger: Who = {
  tenantId: '0b7e2f7c-9a51-4d55-8f0e-3c7e1f2d9a44',
  aadObjectId: '7d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f3a',
  conversationId: 'a:stranger',
};
const EN = 'Please contact your partner to confirm your consent to the Microsoft customer contract.';
const DE =
  'Bitte wenden Sie sich an Ihren Partner, um Ihre Zustimmung zum Microsoft-Kundenvertrag zu bestätigen';
const FR =
  'veuillez CONTACTER votre partenaire pour confirmer votre consentement au contrat client microsoft !';

/** The choices of the partner's pick-one card. */
const choices = (card: any): { title: string; value: string }[] =>
  JSON.stringify(card).includes('Input.ChoiceSet')
    ? card.body.find((e: any) => e.type === 'Input.ChoiceSet').choices
    : [];

describe('the admin center’s “contact your partner”, typed or pasted', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it.each([
    ['English', customer(TAILSPIN, 'en-US', 'tailspin'), EN, 'What the admin center', 'Tailspin Giocattoli'],
    [
      'German',
      customer(PHARMA, 'de-DE', 'pharma'),
      DE,
      'Was die Meldung im Admin Center bedeutet',
      'Contoso Pharma GmbH',
    ],
    [
      'French',
      customer(LUMIERE, 'fr-FR', 'lumiere'),
      FR,
      'Ce que signifie le message',
      'Lumière & Fils SARL',
    ],
  ])(
    'explains it to a customer in %s, with their own status and the one-click ask',
    async (_l, who, text, title, company) => {
      const [card] = await bot.say(text, who);
      const shown = cardText(card);
      expect(shown).toContain(title);
      expect(shown).toContain(company);
      expect(shown).toMatch(/2026/);
      expect(executeActions(card).map((a) => a.verb)).toEqual(['askForAcceptanceLink', 'checkMyStatus']);
    },
  );

  it('tells a user of an unknown tenant nothing', async () => {
    const [card] = await bot.say(EN, stranger);
    expect(cardText(card)).toContain('This app is for customers of Fabrikam Cloud Solutions');
    expect(cardText(card)).not.toMatch(/Lumière|Contoso|Tailspin/);
  });

  it.each([
    ['English', 'en-US', EN, 'A customer sees “contact your partner”', 'Send acceptance request'],
    ['German', 'de-DE', DE, 'Ein Kunde sieht', 'Annahmeanfrage senden'],
    ['French', 'fr-FR', FR, 'Un client voit', "Envoyer la demande d'acceptation"],
  ])(
    'explains it to the partner in %s with a pick-one of customers',
    async (_l, locale, text, title, send) => {
      await bot.say(`status ${LUMIERE}`); // now known to need acceptance: listed first
      const [card] = await bot.say(text, { locale });
      expect(cardText(card)).toContain(title);
      const listed = choices(card);
      expect(listed.length).toBeGreaterThan(10);
      expect(listed[0]).toMatchObject({
        value: LUMIERE,
        title: expect.stringContaining('Lumière & Fils SARL'),
      });
      expect(executeActions(card).map((a) => [a.verb, a.title])).toEqual([
        ['requestAcceptance', send],
        ['showStatus', expect.any(String)],
      ]);
    },
  );

  it('Send acceptance request with the picked customer opens their prefilled request form', async () => {
    const form = await bot.click('requestAcceptance', { tenantId: PHARMA });
    expect(cardText(form.card)).toContain('Contoso Pharma GmbH');
    expect(JSON.stringify(form.card)).toContain('"value":"Jonas"');
    const none = await bot.click('requestAcceptance', {});
    expect(cardText(none.card)).toContain('does not name a valid customer');
  });
});
