import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness } from '../support/bot-harness';
import { cardText, executeActions } from '../support/card-text';
import { until } from '../support/until';

describe('bad input and Partner Center trouble get a clear answer', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start({ PARTNER_CENTER_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    await bot.stop();
  });
  afterEach(() => {
    bot.app.sandbox!.world.reset();
  });

  it('asks which customer when status has no argument', async () => {
    const [card] = await bot.say('status');
    expect(cardText(card)).toContain('Tell me which customer');
  });

  it('refuses a query over 200 characters', async () => {
    const [card] = await bot.say(`status ${'a'.repeat(201)}`);
    expect(cardText(card)).toContain('longer than 200 characters');
  });

  it('refuses control characters', async () => {
    const [card] = await bot.say('status conto\u0007so');
    expect(cardText(card)).toContain('control characters');
  });

  it('explains a malformed tenant id', async () => {
    const [card] = await bot.say('status 434fb1a8-7442-4f06-a915-a825a1bb25b');
    expect(cardText(card)).toContain('not a valid GUID');
  });

  it('says when no customer matches, echoing the query safely', async () => {
    const [card] = await bot.say('status *nobody* here');
    const text = cardText(card);
    expect(text).toContain('No matching customer');
    expect(text).toContain('\\*nobody\\* here');
  });

  it('says when a tenant id is not one of the partner’s customers', async () => {
    const [card] = await bot.say('status 99999999-9999-4999-8999-999999999999');
    expect(cardText(card)).toContain('No matching customer');
  });

  it('retries a throttled Partner Center and then answers normally', async () => {
    bot.app.sandbox!.world.injectFault({ status: 429, times: 2, retryAfterSeconds: 0 });
    const [card] = await bot.say('status fabrikam');
    expect(cardText(card)).toContain('MCA accepted by the customer');
  });

  it('tells the user when Partner Center stays down, and works again afterwards', async () => {
    bot.app.sandbox!.world.injectFault({ status: 503, times: 50 });
    const [card] = await bot.say('status fabrikam');
    const text = cardText(card);
    expect(text).toContain("Partner Center didn't answer");
    expect(text).not.toMatch(/at \w+ \(|Error:/);
    bot.app.sandbox!.world.reset();
    const [after] = await bot.say('status fabrikam');
    expect(cardText(after)).toContain('MCA accepted by the customer');
  });

  it('offers Try again on a card action when Partner Center is down', async () => {
    bot.app.sandbox!.world.injectFault({ status: 503, times: 50 });
    const res = await bot.click('refreshStatus', { tenantId: '4db61b85-10e6-4651-969d-6fbe6f49b1fc' });
    expect(res.status).toBe(200);
    expect(cardText(res.card)).toContain("Partner Center didn't answer");
    expect(executeActions(res.card)).toEqual([
      {
        title: 'Try again',
        verb: 'refreshStatus',
        data: { tenantId: '4db61b85-10e6-4651-969d-6fbe6f49b1fc' },
      },
    ]);
  });

  it('survives a Partner Center that hangs: "still checking" at once, then the answer edited in', async () => {
    bot.app.sandbox!.world.injectFault({ status: 'hang', times: 10 });
    const before = bot.teams.requests.length;
    const [card] = await bot.say('status fabrikam');
    expect(cardText(card)).toContain('Still checking with Partner Center');
    const placeholder = bot.teams.requests
      .slice(before)
      .find((r) => r.method === 'POST' && r.body?.attachments);
    const edit = await until(
      () => bot.teams.requests.find((r) => r.method === 'PUT' && r.path.includes(placeholder!.id)),
      'the still-checking card to be edited',
    );
    expect(cardText(edit.body.attachments[0].content)).toContain("Partner Center didn't answer");
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await bot.post('{"type": "message", ');
    expect(res.status).toBe(400);
  });

  it('answers 400 to an activity without a type or conversation', async () => {
    expect((await bot.post({ text: 'hi' })).status).toBe(400);
    const noConversation = bot.activity('message', {}, { text: 'hi' });
    delete noConversation.conversation;
    const res = await bot.post(noConversation);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('conversation');
  });

  it('answers 413 to an oversize body', async () => {
    const res = await bot.post(bot.activity('message', {}, { text: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
  });

  it('answers an unknown card verb with a typed 400 invoke error', async () => {
    const res = await bot.click('dropTables', {});
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect(res.body.value.code).toBe('UNKNOWN_VERB');
  });

  it('refuses forged card data that names no valid customer', async () => {
    const res = await bot.click('refreshStatus', { tenantId: "'; drop table audit; --" });
    expect(res.status).toBe(200);
    expect(cardText(res.card)).toContain('does not name a valid customer');
  });

  it('still serves health while all of this happens', async () => {
    const health = await fetch(`${bot.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${bot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { store: true, partnerCenter: true },
    });
  });
});
