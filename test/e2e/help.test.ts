import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness, CUSTOMER_TENANT_ID } from '../support/bot-harness';
import { cardText } from '../support/card-text';

/** Every partner command and how its arguments must read on the help card. */
const USAGE = [
  'status ‹company name, domain or tenant id›',
  'request ‹customer›',
  'requests',
  'notify ‹customer› ‹offer› [x‹quantity›] [#‹order reference›]',
  'cancel ‹notice id›',
  'order ‹customer› ‹offer› [x‹quantity›]',
  'pending [country] [not-accepted | re-acceptance | cannot-tell]',
  'history ‹customer›',
  'digest on | digest off',
  'invite [customer]',
  'gdap ‹customer›',
  'notifications [here]',
  'webhooks register [replace]',
  'failed',
  'help',
];

/** The usage lines of a help card (the monospace TextBlocks). */
function usageLines(card: any): string[] {
  return card.body
    .filter((b: any) => b.type === 'Container')
    .map((c: any) => c.items.find((i: any) => i.fontType === 'Monospace')?.text);
}

describe('help shows every command with its arguments, to the partner only', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('lists every partner command with visible placeholders (nothing that reads as an HTML tag)', async () => {
    const [card] = await bot.say('help');
    expect(usageLines(card)).toEqual(USAGE);
    expect(cardText(card)).not.toMatch(/<[a-z]/i);
    expect(cardText(card)).toContain('Stops a purchase-on-hold notice and its reminders');
  });

  it('lists them in the partner’s language too, with placeholders kept', async () => {
    const [card] = await bot.say('hilfe', { locale: 'de-DE' });
    const lines = usageLines(card);
    expect(lines).toHaveLength(USAGE.length);
    expect(lines).toContain('notify ‹Kunde› ‹Angebot› [x‹Menge›] [#‹Bestellreferenz›]');
    expect(lines).toContain('cancel ‹Hinweis-ID›');
  });

  it('lists the commands on an unknown word, saying what was not understood', async () => {
    const [card] = await bot.say('frobnicate');
    expect(cardText(card)).toContain("I didn't understand “frobnicate”");
    expect(usageLines(card)).toEqual(USAGE);
  });

  it('shows placeholders in usage errors too', async () => {
    const [card] = await bot.say('notify');
    expect(cardText(card)).toContain('notify ‹customer› ‹offer›');
  });

  it.each([
    ['a customer', CUSTOMER_TENANT_ID],
    ['a stranger', '99999999-9999-4999-8999-999999999999'],
  ])(
    'gives %s typing help or an unknown word the customer text, never the partner list',
    async (_who, tenantId) => {
      for (const text of ['help', 'frobnicate']) {
        const [card] = await bot.say(text, {
          tenantId,
          aadObjectId: `${tenantId.slice(0, 8)}-0000-4000-8000-000000000001`,
        });
        const shown = cardText(card);
        expect(shown).toContain("Hi, I'm MCA Assist for");
        expect(shown).not.toContain('notify');
        expect(shown).not.toContain('pending');
        expect(usageLines(card).filter(Boolean)).toEqual([]);
      }
    },
  );
});
