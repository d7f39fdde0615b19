import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MutableClock } from '../store/mutable-clock';
import { BotHarness, type Who } from '../support/bot-harness';
import { cardText, executeActions, openUrls } from '../support/card-text';
import { submitFirstForm } from '../support/html-form';
import { csvLink, runPending } from '../support/portfolio';
import { until } from '../support/until';
import { LUMIERE_SIGNATORY, TAILSPIN_SIGNATORY } from '../support/signatories';

const TAILSPIN = '7e54339f-40ba-43cd-8d67-4d7db418ff1a';
const LUMIERE = 'e22735ea-5cd8-4571-a915-3be63342f40d';
const customer: Who = {
  tenantId: TAILSPIN,
  aadObjectId: '7e54339f-aaaa-4bbb-8ccc-4d7db418ff1a',
  userId: '29:giulia',
  conversationId: 'a:customer-tailspin',
  locale: 'en-US',
};

describe('no dead ends: CSV links, the all-set card, Cancel on a stale row', () => {
  const clock = new MutableClock(new Date());
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start({}, { clock });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('renews an expired CSV link from the card, and the expired page says how', async () => {
    const { result } = await runPending(bot, 'pending');
    const first = csvLink(result);
    expect((await fetch(first)).status).toBe(200);

    clock.advance(16 * 60_000);
    const expired = await fetch(first);
    expect(expired.status).toBe(403);
    const page = await expired.text();
    expect(page).toContain('Select New download link on the report card in Teams and then Download CSV');
    expect(page).not.toContain('Download CSV again');

    const renew = executeActions(result).find((a) => a.title === 'New download link');
    expect(renew?.verb).toBe('portfolioPage');
    const res = await bot.click(renew!.verb, renew!.data);
    expect(res.status).toBe(200);
    const fresh = csvLink(res.card);
    expect(fresh).not.toBe(first);
    const download = await fetch(fresh);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await download.text()).toContain('Tailspin Giocattoli');
  });

  const sendRequest = (tenantId: string, fields: Record<string, string>, replyToId: string) =>
    bot.click('submitAcceptanceRequest', { tenantId, ...fields }, {}, 'manual', replyToId);

  it('ends the customer’s card with “all set” and no talk of a box or button it no longer has', async () => {
    await bot.post(bot.activity('installationUpdate', customer, { action: 'add' }));
    await sendRequest(TAILSPIN, TAILSPIN_SIGNATORY, 'form-tailspin');
    const open = await until(
      () =>
        bot.teams
          .cards(customer.conversationId)
          .find((c) => executeActions(c).some((a) => a.verb === 'confirmAccepted')),
      'the customer card',
    );
    expect(cardText(open)).toContain('Write them below and select Contact Fabrikam Cloud Solutions');
    expect(JSON.stringify(open)).toContain('"Input.Text"');

    expect((await submitFirstForm(openUrls(open)[0]!.url)).status).toBe(200);
    const confirm = executeActions(open).find((a) => a.verb === 'confirmAccepted')!;
    const done = await bot.click(confirm.verb, confirm.data, customer);
    const text = cardText(done.card);
    expect(text).toContain("You're all set");
    expect(text).toContain('Questions? Contact Fabrikam Cloud Solutions.');
    expect(text).not.toContain('Write them below');
    expect(JSON.stringify(done.card)).not.toContain('"Input.Text"');
    expect(executeActions(done.card)).toEqual([]);
  });

  it('answers Cancel on a row of requests with the list, current — also for a stale row', async () => {
    const stale = await bot.app.services.store.records.findByIndex<any>('acceptance-request', TAILSPIN);
    await sendRequest(LUMIERE, LUMIERE_SIGNATORY, 'form-lumiere');
    const [list] = await bot.say('requests');
    expect(cardText(list)).toContain('Open MCA acceptance requests (1)');
    const cancel = executeActions(list).find((a) => a.verb === 'cancelAcceptanceRequest')!;

    const res = await bot.click(cancel.verb, cancel.data);
    expect(cardText(res.card)).toContain('Cancelled the request for Lumière & Fils SARL');
    expect(cardText(res.card)).toContain('Open MCA acceptance requests (0)');

    // The same row clicked again, and a row of a request accepted meanwhile: still the list.
    const again = await bot.click(cancel.verb, cancel.data);
    expect(cardText(again.card)).toContain('The request for Lumière & Fils SARL was already closed');
    expect(cardText(again.card)).toContain('Open MCA acceptance requests (0)');
    const accepted = await bot.click(cancel.verb, { requestId: stale[0]!.id, from: 'list' });
    expect(cardText(accepted.card)).toContain(
      'The request for Tailspin Giocattoli S.r.l. was already closed',
    );
    const afterwards = await bot.app.services.store.records.get<any>('acceptance-request', stale[0]!.id);
    expect(afterwards!.value.state).toBe('accepted');
  });
});
