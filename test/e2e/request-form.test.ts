import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness } from '../support/bot-harness';
import { openUrls } from '../support/card-text';
import { until } from '../support/until';

const TAILSPIN = '7e54339f-40ba-43cd-8d67-4d7db418ff1a';
const SIGNATORY = {
  firstName: 'Giulia',
  lastName: 'Romano',
  email: 'giulia.romano@example.com',
  companyName: 'Tailspin Giocattoli S.r.l.',
};

/** The error line right under the input with this id ('' when there is none). */
function errorUnder(card: any, id: string): string {
  const body: any[] = card.body;
  const at = body.findIndex((b) => b.id === id);
  const next = body[at + 1];
  return next?.type === 'TextBlock' && next.color === 'Attention' ? next.text : '';
}
const input = (card: any, id: string) => card.body.find((b: any) => b.id === id);
const languageChoices = (card: any): string[] => input(card, 'language').choices.map((c: any) => c.value);
const submitData = (card: any) => card.actions.find((a: any) => a.verb === 'submitAcceptanceRequest').data;

describe('the request form after a wrong country', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('puts the error under the country, keeps the language list, and sends in the chosen language once fixed', async () => {
    const form = await bot.click('requestAcceptance', { tenantId: TAILSPIN });
    expect(languageChoices(form.card)).toEqual(['en-US', 'it-IT']);
    expect(input(form.card, 'language').value).toBe('it-IT');

    const wrong = await bot.click('submitAcceptanceRequest', {
      ...submitData(form.card),
      ...SIGNATORY,
      country: 'XX',
      language: 'it-IT',
    });
    expect(errorUnder(wrong.card, 'country')).toContain('2-letter country code');
    expect(errorUnder(wrong.card, 'language')).toBe('');
    expect(languageChoices(wrong.card)).toEqual(['en-US', 'it-IT']);
    expect(input(wrong.card, 'language').value).toBe('it-IT');
    expect(await bot.app.services.store.records.findByIndex('acceptance-request', TAILSPIN)).toEqual([]);

    const fixed = await bot.click(
      'submitAcceptanceRequest',
      { ...submitData(wrong.card), ...SIGNATORY, country: 'IT', language: 'it-IT' },
      {},
      'manual',
      'form-tailspin',
    );
    expect(fixed.status).toBe(200);
    const [record] = await bot.app.services.store.records.findByIndex<any>('acceptance-request', TAILSPIN);
    expect(record!.value).toMatchObject({ country: 'IT', language: 'it-IT' });
    // The customer's link (e-mail here: Tailspin has no Teams chat) opens the Italian agreement.
    const mail = await until(
      () => bot.app.sandbox!.world.outbox().find((m) => m.body.includes('agreement-document')),
      'the customer e-mail',
    );
    expect(mail.body.replace(/&amp;/g, '&')).toContain('/agreement-document?country=IT&language=it-IT');
  });

  it('lists the new country’s languages when the country changes, with the best one chosen', async () => {
    const form = await bot.click('requestAcceptance', { tenantId: 'e22735ea-5cd8-4571-a915-3be63342f40d' });
    const changed = await bot.click('submitAcceptanceRequest', {
      ...submitData(form.card),
      firstName: 'Chloé',
      lastName: 'Lefèvre',
      email: 'chloe.lefevre@example.com',
      companyName: 'Lumière & Fils SARL',
      country: 'CH',
      language: 'ja-JP',
    });
    expect(errorUnder(changed.card, 'country')).toBe('');
    expect(errorUnder(changed.card, 'language')).toContain('The list now shows the agreement languages');
    expect(languageChoices(changed.card)).toEqual(['en-US', 'de-DE', 'fr-FR', 'it-IT']);
    expect(submitData(changed.card).formCountry).toBe('CH');
    expect(openUrls(changed.card)).toEqual([]);
  });
});
