import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRelease } from '../../src/delivery/release-sender';
import type { Sandbox } from '../../src/sandbox';
import { SANDBOX_PARTNER_TENANT_ID, SANDBOX_READER_ID } from '../../src/sandbox/constants';
import { MutableClock } from '../store/mutable-clock';
import { BotHarness } from '../support/bot-harness';
import { cardText, executeActions, openUrls } from '../support/card-text';
import { submitFirstForm } from '../support/html-form';
import { customerAdmin, FABRIKAM_ID, NORTHWIND, purchaseSandbox, until } from '../support/purchases';
import { ReleaseReceiver } from '../support/release-receiver';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SECRET = 'release-secret-for-tests-0123456789abcdef';
const PARTNER_CONVERSATION = `a:personal-${SANDBOX_PARTNER_TENANT_ID.slice(0, 8)}`;
const admin = customerAdmin(NORTHWIND.id, 'nancy');

describe('a purchase blocked until the MCA is accepted, from notify in Teams to the released order', () => {
  const clock = new MutableClock(new Date());
  const bot = new BotHarness();
  const receiver = new ReleaseReceiver();
  let sandbox: Sandbox;
  let trackingId = '';

  beforeAll(async () => {
    sandbox = await purchaseSandbox();
    await receiver.start();
    await bot.start(
      { PURCHASE_RELEASE_URL: receiver.url, PURCHASE_RELEASE_SECRET: SECRET },
      { clock, externalSandbox: sandbox },
    );
  });
  afterAll(async () => {
    await bot.stop();
    await receiver.stop();
    await sandbox.close();
  });

  const settle = async () => {
    for (let i = 0; i < 6; i++) await bot.app.worker.runDue();
  };
  const customerMessages = () => bot.teams.messages(admin.conversationId);
  const customerCards = () =>
    customerMessages().flatMap((m) => (m.attachments ?? []).map((a: any) => a.content));
  const edits = (conversationId: string) =>
    bot.teams.requests.filter(
      (r) => r.method === 'PUT' && r.path.includes(encodeURIComponent(conversationId)),
    );
  const partnerTexts = () =>
    bot.teams
      .messages(PARTNER_CONVERSATION)
      .map((m) => m.text ?? '')
      .filter(Boolean);
  const notice = async (offer = 'Microsoft 365 E3') =>
    (await bot.app.services.store.records.findByIndex<any>('purchase-notice', NORTHWIND.id))
      .map((r) => r.value)
      .find((n) => n.offerName === offer);

  it('says so and opens nothing when the customer has already accepted the MCA', async () => {
    const [card] = await bot.say(`notify ${FABRIKAM_ID} Microsoft 365 E3`);
    expect(cardText(card)).toContain('No need to wait');
    expect(cardText(card)).toContain('has already accepted the Microsoft Customer Agreement');
    expect(await bot.app.services.store.records.findByIndex('purchase-notice', FABRIKAM_ID)).toEqual([]);
  });

  it('refuses partner staff without an Admin agent or Sales agent role', async () => {
    const [card] = await bot.say('notify northwind Microsoft 365 E3', { aadObjectId: SANDBOX_READER_ID });
    expect(cardText(card)).toContain('You need a Partner Center role for this');
  });

  it('tells the customer their purchase is on hold, with the acceptance actions, in one card', async () => {
    await bot.post(bot.activity('installationUpdate', admin, { action: 'add' }));
    await bot.teams.waitForMessages(bot.teams.messages().length);
    const before = customerMessages().length;
    const [reply] = await bot.say('notify northwind Microsoft 365 E3 x25 #PO-1001');
    expect(cardText(reply)).toContain('Purchase on hold — Northwind Traders Inc');
    await settle();
    trackingId = (await notice()).partner.activityId;
    expect(trackingId).toMatch(/^activity-/);

    const onHold = await until(
      () => customerCards().find((c) => cardText(c).includes('is on hold')),
      'the on-hold card',
    );
    expect(cardText(onHold)).toContain(
      'Your purchase of 25 × Microsoft 365 E3 from Fabrikam Cloud Solutions is on hold until Northwind Traders Inc accepts',
    );
    expect(openUrls(onHold)[0]!.url).toMatch(/\/mca\/\?attestationid=/);
    expect(executeActions(onHold).map((a) => a.verb)).toEqual(['confirmAccepted', 'contactPartner']);
    // The request this notice opened carries the on-hold line: one card, not two.
    expect(customerMessages().length - before).toBe(1);
  });

  it('keeps the partner’s reply up to date as the tracking card', async () => {
    const n = await notice();
    expect(n).toMatchObject({
      state: 'open',
      customerCard: 'request',
      orderReference: 'PO-1001',
      quantity: 25,
    });
    const edit = await until(
      () =>
        edits(PARTNER_CONVERSATION)
          .map((r) => cardText(r.body.attachments[0].content))
          .find((t) => t.includes('Customer told via')),
      'the tracking card edit',
    );
    expect(edit).toContain('Waiting for Northwind Traders Inc to accept the MCA');
    expect(edit).toContain('PO\\-1001');
    expect(edit).toContain('0 of 4 sent');
    expect(edit).toContain('Teams');
    expect(edit).toContain('Acceptance link');
  });

  it('gives a second blocked order that joins the open request its own on-hold card', async () => {
    const before = customerMessages().length;
    await bot.say('notify northwind Azure plan #AZ-1');
    await settle();
    const own = await until(
      () => customerCards().find((c) => cardText(c).includes('Your purchase of Azure plan')),
      'the second on-hold card',
    );
    expect(executeActions(own).map((a) => a.verb)).toEqual(['confirmAccepted', 'contactPartner']);
    expect(customerMessages().length - before).toBe(1);
    const notices = (
      await bot.app.services.store.records.findByIndex<any>('purchase-notice', NORTHWIND.id)
    ).map((r) => r.value);
    const azure = notices.find((n) => n.offerName === 'Azure plan');
    expect(azure).toMatchObject({ customerCard: 'own', delivery: { channel: 'teams' } });
    expect(azure.requestId).toBe(notices.find((n) => n.offerName === 'Microsoft 365 E3').requestId);
  });

  it('reminds on day 2 and day 5 — not before — each as a new message with Review and accept', async () => {
    const before = customerMessages().length;
    clock.advance(47 * HOUR);
    await settle();
    expect(customerMessages().length).toBe(before);
    clock.advance(2 * HOUR);
    await settle();
    const first = await until(
      () => customerCards().find((c) => cardText(c).includes('Reminder 1 of 4')),
      'reminder 1',
    );
    expect(customerCards().filter((c) => cardText(c).includes('Reminder 1 of 4'))).toHaveLength(2);
    expect(cardText(first)).toContain('Your purchase of 25 × Microsoft 365 E3');
    expect(openUrls(first)[0]!.title).toBe('Review and accept');
    clock.advance(3 * DAY);
    await settle();
    await until(() => customerCards().find((c) => cardText(c).includes('Reminder 2 of 4')), 'reminder 2');
    // One reminder per notice each time: the M365 order and the Azure order.
    expect(customerMessages().length - before).toBe(4);
    expect((await notice()).reminders.sent).toBe(2);
  });

  it('on acceptance edits the customer’s card, tells the partner which order to retry, and releases it', async () => {
    const onHold = customerCards().find((c) => cardText(c).includes('is on hold'));
    expect((await submitFirstForm(openUrls(onHold)[0]!.url)).status).toBe(200);
    clock.advance(HOUR);
    await settle();
    await settle();

    const allSet = await until(() => {
      const texts = edits(admin.conversationId!).map((r) => cardText(r.body.attachments[0].content));
      const done = texts.filter((t) => t.includes('all set'));
      return done.length >= 2 && done;
    }, 'both customer cards edited');
    expect(allSet.join('\n')).toContain(
      'Fabrikam Cloud Solutions can now complete your order of 25 × Microsoft 365 E3',
    );
    expect(allSet.join('\n')).toContain('Fabrikam Cloud Solutions can now complete your order of Azure plan');
    const told = await until(() => {
      const t = partnerTexts().filter((x) => x.includes('accepted the Microsoft'));
      return t.length >= 2 && t;
    }, 'the partner messages');
    // One per order to retry; the acceptance request itself stays quiet.
    expect(told).toHaveLength(2);
    expect(told.join('\n')).toMatch(
      /Northwind Traders Inc accepted the Microsoft Customer Agreement on .+: retry order PO\\-1001/,
    );
    expect(told.join('\n')).toMatch(/retry order AZ\\-1 \(Azure plan\)/);

    await until(() => receiver.received.length >= 2, 'the release calls');
    const release = receiver.received.find((r) => r.raw.includes('PO-1001'))!;
    const body = JSON.parse(release.raw);
    expect(body).toEqual({
      noticeId: (await notice()).id,
      orderReference: 'PO-1001',
      customerTenantId: NORTHWIND.id,
      acceptedAt: expect.any(String),
    });
    const ts = String(release.headers['x-mca-timestamp']);
    const sig = String(release.headers['x-mca-signature']);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyRelease(SECRET, ts, sig, release.raw, clock.now().getTime())).toBe(true);
    expect(
      verifyRelease(SECRET, ts, sig, release.raw.replace('PO-1001', 'PO-9999'), clock.now().getTime()),
    ).toBe(false);
    expect(verifyRelease(SECRET, ts, sig, release.raw, clock.now().getTime() + 10 * 60_000)).toBe(false);
    await until(async () => (await notice()).release?.state === 'delivered', 'the release recorded');
    expect(await notice()).toMatchObject({ state: 'accepted', release: { status: 200 } });
  });

  it('shows the accepted notice on the tracking card and sends no more reminders', async () => {
    await settle();
    const last = edits(PARTNER_CONVERSATION)
      .filter((r) => r.path.endsWith(`/${trackingId}`))
      .at(-1);
    const text = cardText(last!.body.attachments[0].content);
    expect(text).toMatch(/Accepted on .+ — retry order PO\\-1001/);
    expect(text).toContain('told on');
    expect(executeActions(last!.body.attachments[0].content)).toEqual([]);
    const before = customerMessages().length;
    clock.advance(20 * DAY);
    await settle();
    expect(customerMessages().length).toBe(before);
    const audit = await bot.app.services.store.audit.list({ customerTenantId: NORTHWIND.id, limit: 50 });
    const actions = audit.map((e) => e.action);
    expect(actions.filter((a) => a === 'purchase.reminded')).toHaveLength(4);
    expect(actions).toEqual(
      expect.arrayContaining(['purchase.blocked', 'purchase.accepted', 'purchase.released']),
    );
  });
});
