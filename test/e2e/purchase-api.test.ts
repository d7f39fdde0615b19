import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRelease } from '../../src/delivery/release-sender';
import type { Sandbox } from '../../src/sandbox';
import { SANDBOX_PARTNER_TENANT_ID } from '../../src/sandbox/constants';
import { MutableClock } from '../store/mutable-clock';
import { BotHarness, CUSTOMER_TENANT_ID } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { FABRIKAM_ID, purchaseSandbox, until, WINGTIP } from '../support/purchases';
import { ReleaseReceiver } from '../support/release-receiver';

const KEY_1 = 'ordering-system-key-one-0123456789';
const KEY_2 = 'ordering-system-key-two-0123456789';
const SECRET = 'release-secret-for-tests-0123456789abcdef';
const PARTNER_CONVERSATION = `a:personal-${SANDBOX_PARTNER_TENANT_ID.slice(0, 8)}`;
const MINUTE = 60_000;

describe('POST /api/purchase-blocked', () => {
  const clock = new MutableClock(new Date());
  const bot = new BotHarness();
  const receiver = new ReleaseReceiver();
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await purchaseSandbox();
    await receiver.start();
    await bot.start(
      {
        PURCHASE_API_KEYS: `${KEY_1}, ${KEY_2}`,
        PURCHASE_API_RATE_PER_MINUTE: '12',
        PURCHASE_RELEASE_URL: receiver.url,
        PURCHASE_RELEASE_SECRET: SECRET,
      },
      { clock, externalSandbox: sandbox },
    );
    // The partner has talked to the bot once: API notices are tracked in that conversation.
    await bot.say('help');
  });
  afterAll(async () => {
    await bot.stop();
    await receiver.stop();
    await sandbox.close();
  });

  const post = async (body: unknown, key: string | null = KEY_1, headers: Record<string, string> = {}) => {
    const res = await fetch(`${bot.url}/api/purchase-blocked`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(key ? { Authorization: `Bearer ${key}` } : {}),
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  const order = (extra: Record<string, unknown> = {}) => ({
    customerTenantId: WINGTIP.id,
    offerName: 'Dynamics 365 Business Central',
    quantity: 10,
    orderReference: 'SO-77',
    ...extra,
  });
  const settle = async () => {
    for (let i = 0; i < 6; i++) await bot.app.worker.runDue();
  };

  it('answers 401 without a key, with an unknown key or another scheme, and never logs the key', async () => {
    for (const attempt of [
      await post(order(), null),
      await post(order(), 'not-a-configured-key-at-all-000'),
      await post(order(), null, { Authorization: `Basic ${KEY_1}` }),
    ]) {
      expect(attempt.status).toBe(401);
      expect(attempt.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(attempt.body.error.code).toBe('Unauthorized');
    }
    expect(bot.logLines.join('')).not.toContain('not-a-configured-key');
  });

  it('answers 400 naming every field that is missing or wrong', async () => {
    const res = await post({ customerTenantId: 'contoso', quantity: 0, orderReference: 'x'.repeat(101) });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'customerTenantId',
      'offerName',
      'orderReference',
      'quantity',
    ]);
    expect((await post('{not json')).status).toBe(400);
    expect((await post('[1,2]')).body.error.fields[0].field).toBe('(body)');
  });

  it('answers 413 for a body over 16 KB', async () => {
    const res = await post(order({ note: 'x'.repeat(17 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PayloadTooLarge');
  });

  it('answers 404 for a tenant that is not one of the partner’s customers', async () => {
    const res = await post(order({ customerTenantId: CUSTOMER_TENANT_ID }));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('CustomerNotFound');
  });

  it('answers 200 { mcaSatisfied: true } when the customer already accepted', async () => {
    const res = await post(order({ customerTenantId: FABRIKAM_ID }));
    expect(res).toMatchObject({ status: 200, body: { mcaSatisfied: true } });
  });

  it('answers 202 with one notice id per idempotency key and per customer and order reference', async () => {
    const first = await post(order({ idempotencyKey: 'erp-77-1' }));
    expect(first.status).toBe(202);
    expect(first.body.noticeId).toMatch(/^[0-9a-f-]{36}$/);
    const sameKey = await post(order({ idempotencyKey: 'erp-77-1', orderReference: 'SO-77-retry' }));
    const sameOrder = await post(order());
    const other = await post(order({ orderReference: 'SO-78' }));
    expect(sameKey.body.noticeId).toBe(first.body.noticeId);
    expect(sameOrder.body.noticeId).toBe(first.body.noticeId);
    expect(other.status).toBe(202);
    expect(other.body.noticeId).not.toBe(first.body.noticeId);
  });

  it('e-mails the customer who has no Teams chat and posts a tracking card to the partner', async () => {
    await settle();
    const mail = await until(
      () => sandbox.world.outbox().find((m) => JSON.stringify(m).includes('andrew@wingtip.example')),
      'the e-mail',
    );
    expect(mail.subject).toContain('on hold');
    expect(JSON.stringify(mail)).toContain('10 × Dynamics 365 Business Central');
    const cards = await until(() => {
      const c = bot.teams.cards(PARTNER_CONVERSATION).filter((x) => cardText(x).includes('Wingtip Toys LLC'));
      return c.length >= 2 && c;
    }, 'two tracking cards');
    expect(cards.map((c) => cardText(c)).join('\n')).toContain('SO\\-78');
  });

  it('answers 429 with Retry-After once a key used up its rate, while other keys go on', async () => {
    // Refused bodies count too: the rate is checked before anything else is read.
    const answers: number[] = [];
    for (let i = 0; i < 13; i++) answers.push((await post({}, KEY_2)).status);
    expect(answers.slice(0, 12)).toEqual(Array(12).fill(400));
    const last = await post(order({ orderReference: 'SO-13' }), KEY_2);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await post(order({ orderReference: 'SO-78' }))).status).toBe(202);
  });

  it('retries the signed release with backoff until the ordering system answers 2xx', async () => {
    receiver.statuses = [500, 503, 200];
    sandbox.world.setDirectlySigned(WINGTIP.id, true);
    clock.advance(61 * MINUTE);
    await settle();
    const released = async () =>
      (await bot.app.services.store.records.findByIndex<any>('purchase-notice', WINGTIP.id)).filter(
        (n) => n.value.state === 'accepted' && n.value.release?.state === 'delivered',
      );
    const accepted = async () =>
      (await bot.app.services.store.records.findByIndex<any>('purchase-notice', WINGTIP.id)).filter(
        (n) => n.value.state === 'accepted',
      );
    await until(
      async () => (await accepted()).length > 0 && receiver.received.length > 0,
      'the first release',
    );
    for (let i = 0; i < 30 && (await released()).length < (await accepted()).length; i++) {
      clock.advance(MINUTE);
      await settle();
    }
    expect((await released()).length).toBe((await accepted()).length);
    expect(receiver.received.slice(0, 2).map((r) => r.status)).toEqual([500, 503]);
    const byNotice = new Map<string, number[]>();
    for (const r of receiver.received) {
      const id = JSON.parse(r.raw).noticeId as string;
      byNotice.set(id, [...(byNotice.get(id) ?? []), r.status]);
      const ts = String(r.headers['x-mca-timestamp']);
      const signature = String(r.headers['x-mca-signature']);
      expect(verifyRelease(SECRET, ts, signature, r.raw, Number(ts) * 1000)).toBe(true);
    }
    // Retried until a 2xx, and never again after it.
    for (const statuses of byNotice.values()) expect(statuses.indexOf(200)).toBe(statuses.length - 1);
    expect(byNotice.size).toBe((await accepted()).length);
    expect(byNotice.size).toBe(2);
  });
});
