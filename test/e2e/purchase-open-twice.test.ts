import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachRequest } from '../../src/features/purchases/attach-request';
import type { PurchaseNotice } from '../../src/features/purchases/notice-store';
import type { Sandbox } from '../../src/sandbox';
import { BotHarness } from '../support/bot-harness';
import { purchaseSandbox, TAILWIND } from '../support/purchases';

const KEY = 'ordering-system-key-open-twice-0123456789';

/**
 * The `purchase.open` job is at-least-once: after a crash, or when its lease ran out while it still
 * ran (another instance took it over), the same notice is attached twice, possibly at once.
 */
describe('a purchase notice whose open job runs twice', () => {
  let sandbox: Sandbox;
  const bot = new BotHarness();

  beforeAll(async () => {
    sandbox = await purchaseSandbox();
    await bot.start({ PURCHASE_API_KEYS: KEY }, { externalSandbox: sandbox });
    await bot.say('help');
  });
  afterAll(async () => {
    await bot.stop();
    await sandbox.close();
  });

  it('keeps the request it opened as its own: one card for the customer, no extra on-hold card', async () => {
    const res = await fetch(`${bot.url}/api/purchase-blocked`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEY}` },
      body: JSON.stringify({
        customerTenantId: TAILWIND.id,
        offerName: 'Microsoft 365 E5',
        quantity: 4,
        orderReference: 'SO-TWICE',
      }),
    });
    expect(res.status).toBe(202);
    const { noticeId } = (await res.json()) as { noticeId: string };
    const { store } = bot.app.services;
    const opening = (await store.records.get<PurchaseNotice>('purchase-notice', noticeId))!.value;
    expect(opening.state).toBe('opening');

    // Two runs of the job that both read the notice before either attached it.
    const [first, second] = await Promise.all([
      attachRequest(bot.app.services, opening),
      attachRequest(bot.app.services, opening),
    ]);
    const requests = await store.records.findByIndex('acceptance-request', TAILWIND.id);
    expect(requests).toHaveLength(1);
    const after = (await store.records.get<PurchaseNotice>('purchase-notice', noticeId))!.value;
    expect(after).toMatchObject({ state: 'open', requestId: requests[0]!.id, customerCard: 'request' });
    expect([first?.customerCard, second?.customerCard].filter(Boolean)).not.toContain('own');
    expect(await store.jobs.list({ type: 'purchase.hold', limit: 5 })).toEqual([]);
  });
});
