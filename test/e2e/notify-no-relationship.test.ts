import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness } from '../support/bot-harness';
import { cardText, executeActions } from '../support/card-text';

const TREY = 'cf211894-15f0-4350-a376-c41580a2060e';
const KEY = 'purchase-key-for-tests-0123456789abcdef';

describe('notify for a customer without a reseller relationship', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start({ PURCHASE_API_KEYS: KEY });
  });
  afterAll(async () => {
    await bot.stop();
  });

  const nothingSent = async () => {
    expect(await bot.app.services.store.records.findByIndex('purchase-notice', TREY)).toEqual([]);
    expect(bot.app.sandbox!.world.outbox().filter((m) => JSON.stringify(m).includes('Trey'))).toEqual([]);
    const audit = await bot.app.services.store.audit.list({ customerTenantId: TREY, limit: 50 });
    expect(audit.map((e) => e.action)).not.toContain('purchase.blocked');
  };

  it('tells the partner to send the invitation first, offers it, and tells the customer nothing', async () => {
    const [card] = await bot.say('notify trey Microsoft 365 E3 x5 #PO-9');
    const text = cardText(card);
    expect(text).toContain('Trey Research GmbH has no reseller relationship with you');
    expect(text).toContain('Send them your invitation first');
    expect(text).toContain('Reseller relationship invitation for Trey Research GmbH');
    expect(text).toMatch(/invType=ResellerRelationship/);
    expect(executeActions(card).map((a) => a.verb)).toContain('sendInvite');
    await bot.app.worker.runDue();
    await nothingSent();
  });

  it('answers the ordering system 409 and opens nothing', async () => {
    const res = await fetch(`${bot.url}/api/purchase-blocked`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEY}` },
      body: JSON.stringify({
        customerTenantId: TREY,
        offerName: 'Microsoft 365 E3',
        orderReference: 'PO-10',
      }),
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error).toMatchObject({ code: 'NoResellerRelationship' });
    await bot.app.worker.runDue();
    await nothingSent();
  });
});
