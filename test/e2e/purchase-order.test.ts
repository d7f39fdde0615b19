import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app';
import type { AppConfig } from '../../src/config';
import type { Sandbox } from '../../src/sandbox';
import { SANDBOX_PARTNER_TENANT_ID } from '../../src/sandbox/constants';
import { MutableClock } from '../store/mutable-clock';
import { BotHarness } from '../support/bot-harness';
import { cardText, executeActions } from '../support/card-text';
import { customerAdmin, LITWARE, purchaseSandbox, TAILWIND, until, WINGTIP } from '../support/purchases';

const PARTNER_CONVERSATION = `a:personal-${SANDBOX_PARTNER_TENANT_ID.slice(0, 8)}`;
const HOUR = 3_600_000;

describe('sandbox `order`: a demo order refused with 13605 opens the notice by itself', () => {
  const clock = new MutableClock(new Date());
  const bot = new BotHarness();
  let sandbox: Sandbox;
  const admin = customerAdmin(TAILWIND.id, 'robert');

  beforeAll(async () => {
    sandbox = await purchaseSandbox();
    await bot.start({}, { clock, externalSandbox: sandbox });
  });
  afterAll(async () => {
    await bot.stop();
    await sandbox.close();
  });

  const settle = async () => {
    for (let i = 0; i < 6; i++) await bot.app.worker.runDue();
  };
  const noticesOf = async (tenantId: string) =>
    (await bot.app.services.store.records.findByIndex<any>('purchase-notice', tenantId)).map((r) => r.value);

  it('exists only where the wiring registers it: in sandbox mode', () => {
    const live = { mode: 'live', acceptance: { watchDays: 14 } } as AppConfig;
    const sandboxed = { mode: 'sandbox', acceptance: { watchDays: 14 } } as AppConfig;
    expect(createRouter(live).commandNames()).not.toContain('order');
    expect(createRouter(sandboxed).commandNames()).toContain('order');
    expect(createRouter(live).commandNames()).toContain('notify');
  });

  it('turns a checkout refused in orderErrors (13605) into a notice for that cart', async () => {
    await bot.post(bot.activity('installationUpdate', admin, { action: 'add' }));
    const [reply] = await bot.say('order tailwind Microsoft 365 E3 x5');
    expect(cardText(reply)).toContain('Purchase on hold — Tailwind Traders Corp');
    expect(sandbox.world.orders.placed).toEqual([]);
    const [n] = await noticesOf(TAILWIND.id);
    expect(n).toMatchObject({ source: 'order', offerName: 'Microsoft 365 E3', quantity: 5 });
    expect(sandbox.world.orders.cart(n.orderReference)).toBeDefined();
    await settle();
    const card = await until(
      () => bot.teams.cards(admin.conversationId).find((c) => cardText(c).includes('is on hold')),
      'the customer card',
    );
    expect(cardText(card)).toContain('Your purchase of 5 × Microsoft 365 E3 from Fabrikam Cloud Solutions');
  });

  it('tells the partner to retry that cart once accepted, and the retried order goes through', async () => {
    const [n] = await noticesOf(TAILWIND.id);
    sandbox.world.setDirectlySigned(TAILWIND.id, true);
    clock.advance(HOUR);
    await settle();
    const text = await until(
      () => bot.teams.messages(PARTNER_CONVERSATION).find((m) => (m.text ?? '').includes('retry order')),
      'the retry message',
    );
    expect(text.text).toContain(`retry order ${n.orderReference.replace(/-/g, '\\-')}`);
    const [placed] = await bot.say('order tailwind Microsoft 365 E3 x5');
    expect(cardText(placed)).toContain('Order placed');
    expect(sandbox.world.orders.placed).toHaveLength(1);
    expect(sandbox.world.orders.placed[0]).toMatchObject({ referenceCustomerId: TAILWIND.id });
  });

  it('treats a 13605 answered as an HTTP 403 the same way', async () => {
    sandbox.world.orders.refusal = 'http-403';
    const [reply] = await bot.say(`order ${LITWARE.id} Azure plan`);
    expect(cardText(reply)).toContain('Purchase on hold — Litware Inc');
    const [n] = await noticesOf(LITWARE.id);
    expect(n).toMatchObject({ source: 'order', offerName: 'Azure plan' });
    expect(sandbox.world.orders.cart(n.orderReference)).toBeDefined();
  });

  it('asks again with a fresh link when the first one expires while the order is still on hold', async () => {
    await settle();
    const first = (
      await bot.app.services.store.records.findByIndex<any>('acceptance-request', LITWARE.id)
    )[0]!.value;
    expect(first.state).toBe('sent');
    sandbox.world.expireAttestation(first.attestationId);
    clock.advance(HOUR);
    await settle();
    const requests = (
      await bot.app.services.store.records.findByIndex<any>('acceptance-request', LITWARE.id)
    ).map((r) => r.value);
    expect(requests.map((r) => r.state).sort()).toEqual(['expired', 'sent']);
    const [n] = await noticesOf(LITWARE.id);
    expect(n).toMatchObject({ state: 'open', requestId: requests.find((r) => r.state === 'sent').id });
    const mails = sandbox.world.outbox().filter((m) => JSON.stringify(m).includes('janet@litware.example'));
    expect(mails).toHaveLength(2);
  });

  it('cancels a notice by the id on its card: no reminders, the card says so', async () => {
    const [opened] = await bot.say(`notify ${WINGTIP.id} Azure plan #AZ-5`);
    expect(cardText(opened)).toContain('Wingtip Toys LLC');
    await settle();
    const [n] = await noticesOf(WINGTIP.id);
    const [cancelled] = await bot.say(`cancel ${n.id.slice(0, 8)}`);
    expect(cardText(cancelled)).toContain('Cancelled');
    expect(executeActions(cancelled)).toEqual([]);
    expect((await noticesOf(WINGTIP.id))[0].state).toBe('cancelled');
    expect(await bot.app.services.store.jobs.getByKey(`purchase.remind:${n.id}`)).toMatchObject({
      status: 'cancelled',
    });
    const again = await bot.click('cancelNotice', { noticeId: n.id });
    expect(cardText(again.card)).toContain('Cancelled');
    const [unknown] = await bot.say('cancel 00000000');
    expect(cardText(unknown)).toContain('There is no purchase notice');
  });
});
