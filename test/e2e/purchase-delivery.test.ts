import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox';
import { SANDBOX_PARTNER_TENANT_ID } from '../../src/sandbox/constants';
import { MutableClock } from '../store/mutable-clock';
import { BotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { customerAdmin, LITWARE, NORTHWIND, purchaseSandbox, until } from '../support/purchases';

const PARTNER_CONVERSATION = `a:personal-${SANDBOX_PARTNER_TENANT_ID.slice(0, 8)}`;
const MINUTE = 60_000;

describe('delivering purchase notices: fallbacks, dry run and dead letters', () => {
  const clock = new MutableClock(new Date());
  let sandbox: Sandbox;
  let bot: BotHarness;

  beforeAll(async () => {
    sandbox = await purchaseSandbox();
  });
  afterEach(async () => {
    await bot.stop();
    sandbox.world.reset();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const start = async (env: Record<string, string> = {}) => {
    bot = new BotHarness();
    // Teams retries wait no real time here; the job worker's backoff runs on the test clock.
    await bot.start(env, { clock, externalSandbox: sandbox, sleep: async () => undefined });
  };
  const settle = async () => {
    for (let i = 0; i < 6; i++) await bot.app.worker.runDue();
  };
  const notice = async (tenantId: string, offer: string) =>
    (await bot.app.services.store.records.findByIndex<any>('purchase-notice', tenantId))
      .map((r) => r.value)
      .find((n) => n.offerName === offer);

  it('switches to e-mail when Teams answers 403 for the customer’s chat', async () => {
    await start();
    const admin = customerAdmin(LITWARE.id, 'janet');
    await bot.post(bot.activity('installationUpdate', admin, { action: 'add' }));
    bot.teams.fault = (r) =>
      r.path.includes(encodeURIComponent(admin.conversationId!))
        ? { status: 403, code: 'BotNotInConversationRoster' }
        : undefined;
    await bot.say('notify litware Microsoft 365 E3');
    await settle();
    const mail = await until(
      () => sandbox.world.outbox().find((m) => JSON.stringify(m).includes('janet@litware.example')),
      'the e-mail',
    );
    expect(mail.subject).toContain('on hold');
    expect(bot.teams.requests.filter((r) => r.status === 403)).toHaveLength(1);
    expect(await bot.app.services.store.conversations.get(LITWARE.id, admin.conversationId!)).toBeUndefined();
    const request = (
      await bot.app.services.store.records.findByIndex<any>('acceptance-request', LITWARE.id)
    )[0];
    expect(request?.value.delivery).toEqual({ channel: 'email' });
  });

  it('logs instead of sending with NOTIFY_DRY_RUN=true', async () => {
    await start({ NOTIFY_DRY_RUN: 'true' });
    const admin = customerAdmin(NORTHWIND.id, 'nancy');
    await bot.post(bot.activity('installationUpdate', admin, { action: 'add' }));
    const [reply] = await bot.say('notify northwind Microsoft 365 E3');
    expect(cardText(reply)).toContain('Purchase on hold — Northwind Traders Inc');
    const before = bot.teams.requests.length;
    await settle();
    await until(
      async () => (await notice(NORTHWIND.id, 'Microsoft 365 E3'))?.state === 'open',
      'the notice open',
    );
    await until(() => bot.logLines.some((l) => l.includes('dry run: message not sent')), 'the dry-run log');
    expect(bot.teams.requests.slice(before)).toEqual([]);
    expect(sandbox.world.outbox()).toEqual([]);
    expect(bot.logLines.filter((l) => l.includes('"dryRun":true')).join('')).not.toContain('nancy@');
  });

  it('dead-letters a message that keeps failing, lists it under `failed` and audits it', async () => {
    await start({ DELIVERY_MAX_ATTEMPTS: '2' });
    const admin = customerAdmin(NORTHWIND.id, 'nancy');
    await bot.post(bot.activity('installationUpdate', admin, { action: 'add' }));
    await bot.say('notify northwind Microsoft 365 E3');
    await settle();
    await until(
      () => bot.teams.cards(admin.conversationId).some((c) => cardText(c).includes('is on hold')),
      'first card',
    );
    // A second order joins the open request and sends its own card — into a chat that now fails.
    bot.teams.fault = (r) =>
      r.path.includes(encodeURIComponent(admin.conversationId!)) ? { status: 500 } : undefined;
    await bot.say('notify northwind Azure plan #AZ-9');
    await settle();
    clock.advance(MINUTE);
    await settle();
    const dead = await until(async () => {
      const jobs = await bot.app.services.store.jobs.list({ status: 'dead', limit: 10 });
      return jobs.find((j) => j.type === 'purchase.hold');
    }, 'the dead letter');
    expect(dead.attempts).toBe(2);
    expect(dead.lastError).toContain('TEAMS_UNAVAILABLE');
    expect((await notice(NORTHWIND.id, 'Azure plan')).lastError).toBe('TEAMS_UNAVAILABLE');

    const [failed] = await bot.say('failed');
    const text = cardText(failed);
    expect(text).toContain('Failed deliveries (1)');
    expect(text).toContain('On-hold card to the customer — Northwind Traders Inc, Azure plan');
    expect(text).toContain('after 2 attempts');
    const audit = await bot.app.services.store.audit.list({ customerTenantId: NORTHWIND.id, limit: 30 });
    expect(audit.find((e) => e.action === 'delivery.dead-letter')).toMatchObject({
      details: { jobType: 'purchase.hold', code: 'TEAMS_UNAVAILABLE', attempts: 2 },
    });
    const tracking = bot.teams.requests
      .filter((r) => r.method === 'PUT' && r.path.includes(encodeURIComponent(PARTNER_CONVERSATION)))
      .map((r) => cardText(r.body.attachments[0].content))
      .filter((t) => t.includes('Azure plan'));
    expect(tracking.at(-1)).toContain('TEAMS_UNAVAILABLE');
  });
});
