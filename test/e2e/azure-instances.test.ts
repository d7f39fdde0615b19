import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleReconcile } from '../../src/features/relationships';
import type { Sandbox } from '../../src/sandbox';
import { MutableClock } from '../store/mutable-clock';
import { BotHarness } from '../support/bot-harness';
import { startAzurite, type Azurite } from '../support/azurite';
import { customerAdmin, LITWARE, NORTHWIND, purchaseSandbox, until, WINGTIP } from '../support/purchases';
import { cardText, executeActions } from '../support/card-text';

const KEY = 'ordering-system-key-one-0123456789';

/** Two instances of the bot behind one Azure Bot: one Azurite, one Partner Center (sandbox). */
describe('two instances on Azure Table storage', () => {
  let azurite: Azurite;
  let sandbox: Sandbox;
  const one = new BotHarness();
  const two = new BotHarness();
  const clock = new MutableClock(new Date());

  beforeAll(async () => {
    azurite = await startAzurite();
    sandbox = await purchaseSandbox();
    const env = {
      STORE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_TABLE_PREFIX: `e2e${process.pid}`,
      PURCHASE_API_KEYS: KEY,
    };
    await one.start(env, { clock, externalSandbox: sandbox });
    await two.start(env, { clock, externalSandbox: sandbox });
    // The partner talked to the bot once (through either instance): notices are tracked there.
    await one.say('help');
  }, 120_000);
  afterAll(async () => {
    await one.stop();
    await two.stop();
    await sandbox?.close();
    await azurite?.stop();
  });

  const post = async (bot: BotHarness, body: unknown) => {
    const res = await fetch(`${bot.url}/api/purchase-blocked`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEY}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { noticeId?: string } };
  };

  it('answers one idempotency key sent to both instances with one notice, and e-mails the customer once', async () => {
    const order = {
      customerTenantId: WINGTIP.id,
      offerName: 'Microsoft 365 E3',
      quantity: 5,
      orderReference: 'SO-1',
      idempotencyKey: 'erp-1',
    };
    const [a, b] = await Promise.all([post(one, order), post(two, order)]);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(b.body.noticeId).toBe(a.body.noticeId);
    // Both workers run what is due, at the same time.
    for (let i = 0; i < 4; i++) await Promise.all([one.app.worker.runDue(), two.app.worker.runDue()]);
    const mails = await until(() => {
      const found = sandbox.world
        .outbox()
        .filter((m) => JSON.stringify(m).includes('andrew@wingtip.example'));
      return found.length > 0 && found;
    }, 'the e-mail');
    expect(mails).toHaveLength(1);
    expect(JSON.stringify(mails[0])).toContain('5 × Microsoft 365 E3');
    const notices = await two.app.services.store.records.findByIndex('purchase-notice', WINGTIP.id);
    expect(notices.map((n) => n.id)).toEqual([a.body.noticeId]);
  });

  it('opens one acceptance request for a customer whose blocked orders arrive on both instances at once', async () => {
    const orders = Array.from({ length: 8 }, (_, i) => ({
      customerTenantId: NORTHWIND.id,
      offerName: 'Microsoft 365 E3',
      quantity: i + 1,
      orderReference: `SO-N${i}`,
    }));
    const answers = await Promise.all(orders.map((order, i) => post(i % 2 ? two : one, order)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(202));
    expect(new Set(answers.map((a) => a.body.noticeId)).size).toBe(8);
    for (let i = 0; i < 4; i++) await Promise.all([one.app.worker.runDue(), two.app.worker.runDue()]);
    const requests = await one.app.services.store.records.findByIndex('acceptance-request', NORTHWIND.id);
    expect(requests).toHaveLength(1);
    const created = sandbox.world
      .requestLog()
      .filter((r) => r.routeKey === 'POST /v1/attestations/enhanced' && r.status === 201);
    expect(created.filter((r) => JSON.stringify(r).includes(NORTHWIND.id)).length).toBeLessThanOrEqual(1);
  });

  it("checks Partner Center once for five I've accepted clicks spread over both instances, and tells the partner once", async () => {
    const customer = customerAdmin(LITWARE.id, 'janet');
    await two.post(two.activity('installationUpdate', customer, { action: 'add' }));
    const order = {
      customerTenantId: LITWARE.id,
      offerName: 'Visio Plan 2',
      quantity: 3,
      orderReference: 'SO-L1',
    };
    expect((await post(one, order)).status).toBe(202);
    const card = await until(async () => {
      await Promise.all([one.app.worker.runDue(), two.app.worker.runDue()]);
      return [...one.teams.cards(customer.conversationId), ...two.teams.cards(customer.conversationId)].find(
        (c) => executeActions(c).some((a) => a.verb === 'confirmAccepted'),
      );
    }, 'the on-hold card in the customer chat');
    const action = executeActions(card).find((a) => a.verb === 'confirmAccepted')!;
    sandbox.world.setDirectlySigned(LITWARE.id, true);
    const route = 'GET /v1/customers/{id}/directSignedMicrosoftCustomerAgreementStatus';
    const reads = () => sandbox.world.stats().byRoute[route] ?? 0;
    const before = reads();
    // Slow enough that all five checks would overlap if each instance ran its own.
    sandbox.world.setLatency(400);
    const clicks = await Promise.all(
      [one, two, one, two, one].map((bot) => bot.click(action.verb, action.data, customer)),
    );
    sandbox.world.setLatency(0);
    for (const click of clicks) expect(click.status).toBe(200);
    expect(reads() - before).toBe(1);
    for (let i = 0; i < 4; i++) await Promise.all([one.app.worker.runDue(), two.app.worker.runDue()]);
    const told = () =>
      [...one.teams.messages(), ...two.teams.messages()].filter((m) =>
        String(m.text ?? '')
          .replace(/\\/g, '')
          .includes('retry order SO-L1'),
      );
    await until(() => told().length > 0 && told(), 'the partner message');
    expect(told()).toHaveLength(1);
    expect(cardText(clicks[0]!.card)).not.toBe('');
  });

  it('keeps one recurring reconcile job when both instances schedule it at the same moment', async () => {
    const jobs = one.app.services.store.jobs;
    const pending = () => jobs.list({ type: 'relationships.reconcile', status: 'pending', limit: 10 });
    expect(await pending()).toHaveLength(1);
    // As after a crash that lost the job: both instances start and replace it at once.
    await jobs.cancel((await pending())[0]!.id);
    await Promise.all([scheduleReconcile(one.app.services), scheduleReconcile(two.app.services)]);
    expect(await pending()).toHaveLength(1);
  });

  it('posts the channel digest once when it is due, whichever instances run their workers', async () => {
    const channel = { conversationId: '19:digest@thread.tacv2', conversationType: 'channel' as const };
    const [card] = await one.say('digest on', channel);
    expect(cardText(card)).toContain('Daily digest is on');
    const due = new Date(clock.now());
    due.setUTCHours(8, 0, 5, 0);
    while (due <= clock.now() || due.getUTCDay() === 0 || due.getUTCDay() === 6)
      due.setUTCDate(due.getUTCDate() + 1);
    clock.set(due);
    for (let i = 0; i < 6; i++) await Promise.all([one.app.worker.runDue(), two.app.worker.runDue()]);
    const digests = () =>
      [...one.teams.cards(channel.conversationId), ...two.teams.cards(channel.conversationId)].filter((c) =>
        cardText(c).includes('Daily MCA digest'),
      );
    await until(() => digests().length > 0, 'the digest');
    for (let i = 0; i < 3; i++) await Promise.all([one.app.worker.runDue(), two.app.worker.runDue()]);
    expect(digests()).toHaveLength(1);
  });

  it('joins a portfolio sweep running on the other instance instead of starting a second one', async () => {
    const listings = () => sandbox.world.stats().byRoute['GET /v1/customers'] ?? 0;
    const before = listings();
    // Slow enough that the sweep still runs when the second `pending` arrives.
    sandbox.world.setLatency(150);
    const [first] = await one.say('pending');
    const [second] = await two.say('pending');
    sandbox.world.setLatency(0);
    expect(cardText(first)).not.toContain('was already running');
    expect(cardText(second)).toContain('was already running; its result will appear here too');
    const results = await until(
      () => {
        const done = [...one.teams.requests, ...two.teams.requests].filter(
          (r) =>
            r.method === 'PUT' && /Need action: \d+/.test(cardText(r.body?.attachments?.[0]?.content ?? {})),
        );
        return done.length >= 2 && done;
      },
      'both result cards',
      30_000,
    );
    const counts = results.map((r) => /Need action: \d+/.exec(cardText(r.body.attachments[0].content))?.[0]);
    expect(new Set(counts).size).toBe(1);
    expect(listings() - before).toBe(1);
  }, 60_000);
});
