import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MutableClock } from '../store/mutable-clock';
import { BotHarness } from '../support/bot-harness';
import { cardText, executeActions } from '../support/card-text';
import { until } from '../support/until';

const LUMIERE = 'e22735ea-5cd8-4571-a915-3be63342f40d';

/** What Partner Center was asked, by kind, since `from` (an index into the sandbox's request log). */
function readsSince(bot: BotHarness, from: number): string[] {
  return bot.app
    .sandbox!.world.requestLog()
    .slice(from)
    .map(({ method, path }) => {
      const [route, query = ''] = path.split('?');
      if (method !== 'GET') return `${method} ${route}`;
      if (route === '/v1/customers') return query.includes('filter') ? 'search' : 'list';
      if (/^\/v1\/customers\/[^/]+$/.test(route!)) return 'customer';
      if (route!.endsWith('/agreements')) return 'attestations';
      if (route!.endsWith('/directSignedMicrosoftCustomerAgreementStatus')) return 'direct';
      return route!;
    })
    .sort();
}

describe('what a typed status reads from Partner Center', () => {
  const clock = new MutableClock(new Date());
  const bot = new BotHarness();
  const logLength = () => bot.app.sandbox!.world.requestLog().length;
  const directoryKept = () => bot.app.services.store.cache.get('customer-directory', 'list');

  beforeAll(async () => {
    await bot.start({}, { clock });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('reads the acceptance every time, and the name and billing profile only once', async () => {
    let from = logLength();
    const [first] = await bot.say('status lumi');
    expect(cardText(first)).toContain('Lumière & Fils SARL');
    expect(cardText(first)).toContain('MCA not accepted yet');
    // The first lookup asks Partner Center (no directory yet) and lists the customers in the background.
    expect(readsSince(bot, from)).toEqual(
      expect.arrayContaining(['attestations', 'customer', 'direct', 'search']),
    );
    await until(directoryKept, 'the customer directory');

    bot.app.sandbox!.world.setDirectlySigned(LUMIERE, true);
    try {
      from = logLength();
      const [second] = await bot.say('status lumi');
      expect(cardText(second)).toContain('MCA accepted by the customer');
      expect(cardText(second)).toContain('France');
      expect(readsSince(bot, from)).toEqual(['attestations', 'direct']);
    } finally {
      bot.app.sandbox!.world.setDirectlySigned(LUMIERE, false);
    }
  });

  it('reads the billing profile again after a day, and when the partner presses Refresh', async () => {
    clock.advance(24 * 3_600_000);
    let from = logLength();
    const [card] = await bot.say(`status ${LUMIERE}`);
    expect(cardText(card)).toContain('MCA not accepted yet');
    expect(readsSince(bot, from)).toContain('customer');

    from = logLength();
    const refresh = executeActions(card).find((a) => a.verb === 'refreshStatus')!;
    const res = await bot.click(refresh.verb, refresh.data);
    expect(cardText(res.card)).toContain('Lumière & Fils SARL');
    expect(readsSince(bot, from)).toEqual(expect.arrayContaining(['attestations', 'customer', 'direct']));
  });

  it('lists the customers again in the background once the directory is an hour old', async () => {
    const before = (await directoryKept()) as { loadedAt: string };
    clock.advance(60 * 60_000);
    const [card] = await bot.say('status fabrikam');
    expect(cardText(card)).toContain('Fabrikam, Inc.');
    await until(
      async () => ((await directoryKept()) as { loadedAt: string }).loadedAt !== before.loadedAt,
      'a new listing',
    );
  });
});
