import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCustomer, startSandbox, type Sandbox } from '../../src/sandbox';
import { SANDBOX_PARTNER_TENANT_ID } from '../../src/sandbox/constants';
import { BotHarness } from '../support/bot-harness';
import { cardText, executeActions } from '../support/card-text';
import { until } from '../support/until';

const TREY = 'cf211894-15f0-4350-a376-c41580a2060e';
const CONTOSO = '434fb1a8-7442-4f06-a915-a825a1bb25b0';
const PARTNER_CHAT = `a:personal-${SANDBOX_PARTNER_TENANT_ID.slice(0, 8)}`;

describe('relationship changes while the bot was down are caught up at start', () => {
  const bot = new BotHarness();
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
    sandbox.world.webhooks.retryDelaysMs = Array(9).fill(20);
    await bot.start({}, { externalSandbox: sandbox });
  });
  afterAll(async () => {
    await bot.stop();
    await sandbox.close();
  });

  const edits = (activityId: string) =>
    bot.teams.requests
      .filter((r) => r.method === 'PUT' && r.path.endsWith(`/activities/${activityId}`))
      .map((r) => cardText(r.body.attachments[0].content));

  it('edits both cards and tells the partner after a restart, once', async () => {
    const [status] = await bot.say(`status ${TREY}`);
    const invite = executeActions(status).find((a) => a.verb === 'requestRelationship')!;
    await bot.click(invite.verb, invite.data, {}, 'manual', 'activity-invite');
    const gdap = await bot.click(
      'submitGdap',
      {
        tenantId: CONTOSO,
        roles: 'user',
        durationDays: '60',
        autoExtend: 'false',
        displayName: 'Downtime test',
      },
      {},
      'manual',
      'activity-gdap',
    );
    expect(cardText(gdap.card)).toContain('Waiting for the customer');
    await until(
      async () =>
        (await bot.app.services.store.records.get<any>('gdap.request', sandbox.world.gdap.list()[0]!.id))
          ?.value.card,
      'card id stored',
    );

    await bot.app.close();
    sandbox.world.acceptResellerInvitation(TREY, false);
    const r = sandbox.world.gdap.list().find((x) => x.displayName === 'Downtime test')!;
    sandbox.world.gdap.approve(r.id);
    await sandbox.world.webhooks.idle();
    expect(sandbox.world.webhooks.deliveries.every((d) => d.status === 0)).toBe(true);

    const before = bot.teams.cards(PARTNER_CHAT).length;
    await (bot as unknown as { boot(): Promise<void> }).boot();
    const active = await until(
      () => edits('activity-gdap').find((t) => t.includes('✅ Active')),
      'GDAP card edit',
    );
    expect(active).toContain('User Administrator');
    const accepted = await until(
      () => edits('activity-invite').find((t) => t.includes('accepted the invitation')),
      'invite card edit',
    );
    expect(accepted).toContain('Trey Research GmbH');
    const news = await until(() => {
      const texts = bot.teams.cards(PARTNER_CHAT).slice(before).map(cardText);
      return texts.some((t) => t.includes('accepted your reseller invitation')) &&
        texts.some((t) => t.includes('now active'))
        ? texts
        : undefined;
    }, 'partner news');
    // The fresh status card of the customer follows the acceptance, with the MCA step still open.
    expect(news.some((t) => t.includes('Trey Research GmbH') && t.includes('MCA not accepted yet'))).toBe(
      true,
    );

    await bot.app.worker.runDue();
    const later = bot.teams.cards(PARTNER_CHAT).slice(before).map(cardText);
    expect(later.filter((t) => t.includes('accepted your reseller invitation'))).toHaveLength(1);
    expect(later.filter((t) => t.includes('now active'))).toHaveLength(1);
  });
});

describe('a brand-new customer accepting the general invitation link while the bot was down', () => {
  const NEWCO = '5c2d7e1a-3b4f-4a6d-9e8f-1a2b3c4d5e6f';
  const bot = new BotHarness();
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
    await bot.start({}, { externalSandbox: sandbox });
  });
  afterAll(async () => {
    await bot.stop();
    await sandbox.close();
  });

  const known = async () =>
    (await bot.app.services.store.records.get<{ ids: string[] }>('relationship.known-customers', 'reseller'))
      ?.value.ids;
  const newcoCards = () =>
    bot.teams
      .cards(PARTNER_CHAT)
      .map(cardText)
      .filter((t) => t.includes('Newco Widgets Ltd') && t.includes('MCA not accepted yet'));

  /**
   * Runs the reconcile job now, as its next scheduled run would. Waits for a run in progress first:
   * rescheduling clears the lease, and two overlapping runs are not what production does.
   */
  async function reconcileNow(): Promise<void> {
    const { records, jobs } = bot.app.services.store;
    const { jobId } = (await records.get<{ jobId: string }>('settings', 'relationships-reconcile'))!.value;
    const idle = () =>
      until(async () => {
        const job = (await jobs.get(jobId))!;
        return !job.leaseUntil && job.runAt.getTime() > Date.now() + 60_000;
      }, 'reconcile run finished');
    await idle();
    expect(await jobs.reschedule(jobId, new Date())).toBe(true);
    await bot.app.worker.runDue();
    await idle();
  }

  it('tells the partner channel once, and the first run announces nobody', async () => {
    await bot.say('help');
    const first = await until(known, 'known customers recorded');
    expect(first).toContain(CONTOSO);
    expect(bot.teams.cards(PARTNER_CHAT).map(cardText).join('\n')).not.toContain(
      'accepted your reseller invitation',
    );

    await bot.app.close();
    sandbox.world.addCustomer(
      buildCustomer({
        id: NEWCO,
        companyName: 'Newco Widgets Ltd',
        slug: 'newcowidgets',
        country: 'GB',
        culture: 'en-GB',
        language: 'en',
        city: 'Leeds',
        postalCode: 'LS1 1AA',
        addressLine1: '2 Example Road',
        contact: {
          firstName: 'Ada',
          lastName: 'Price',
          email: 'ada.price@example.com',
          phoneNumber: '+44 113 496 0002',
        },
        relationship: 'reseller',
      }),
    );
    await (bot as unknown as { boot(): Promise<void> }).boot();
    await reconcileNow();
    expect(newcoCards()).toHaveLength(1);
    expect(await known()).toContain(NEWCO);
    await reconcileNow();
    expect(newcoCards()).toHaveLength(1);
  });
});
