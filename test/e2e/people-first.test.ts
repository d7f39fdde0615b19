import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPriority, type CallPriority } from '../../src/core/priority';
import { DEMO_CUSTOMERS } from '../../src/sandbox';
import { BotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { runPending } from '../support/portfolio';
import { until } from '../support/until';

/** Every Partner Center request the app makes, with the priority it was made under. */
const calls: { path: string; query: string; priority: CallPriority }[] = [];
const recordingFetch: typeof fetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (url.includes('/v1/')) {
    const { pathname, search } = new URL(url);
    calls.push({ path: pathname, query: search, priority: currentPriority() });
  }
  return fetch(input, init);
};

/** The customer directory's listing (every customer, no filter): nobody waits for it. */
const isListing = (c: { path: string; query: string }) =>
  c.path === '/v1/customers' && !c.query.includes('filter');

const since = (n: number) => calls.slice(n);

describe('people first: which Partner Center calls are made for a person', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start({}, { fetch: recordingFetch });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('marks every call a typed status waits for as interactive, and the directory listing it starts as background', async () => {
    const customer = DEMO_CUSTOMERS[0]!;
    const before = calls.length;
    const [card] = await bot.say(`status ${customer.id}`);
    expect(cardText(card)).toContain(customer.id);
    const waited = since(before).filter((c) => !isListing(c));
    expect(waited.some((c) => c.path.includes(`/customers/${customer.id}`))).toBe(true);
    expect(new Set(waited.map((c) => c.priority))).toEqual(new Set(['interactive']));
    // The first lookup lists the partner's customers in the background, behind people's calls.
    const listing = await until(
      () => since(before).filter(isListing).length > 0 && since(before).filter(isListing),
      'the listing',
    );
    expect(new Set(listing.map((c) => c.priority))).toEqual(new Set(['background']));
  });

  it('marks a card click (refresh) as interactive', async () => {
    const customer = DEMO_CUSTOMERS[1]!;
    const before = calls.length;
    const { status, card } = await bot.click('refreshStatus', { tenantId: customer.id });
    expect(status).toBe(200);
    expect(cardText(card)).toContain(customer.id);
    const made = since(before);
    expect(made.length).toBeGreaterThan(0);
    expect(made.every((c) => c.priority === 'interactive')).toBe(true);
  });

  it('runs the sweep a person starts with pending as background work', async () => {
    const before = calls.length;
    const { result } = await runPending(bot, 'pending');
    expect(cardText(result)).toMatch(/Need action/);
    const agreementReads = since(before).filter((c) => c.path.endsWith('/agreements'));
    // Every customer's agreements were read by the sweep, none of them ahead of people.
    expect(agreementReads.length).toBeGreaterThanOrEqual(DEMO_CUSTOMERS.length - 1);
    expect(new Set(agreementReads.map((c) => c.priority))).toEqual(new Set(['background']));
  });
});
