import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_ADMIN_AGENT_ID, SANDBOX_PARTNER_TENANT_ID } from '../../src/sandbox/constants';
import { BotHarness, CUSTOMER_TENANT_ID } from '../support/bot-harness';
import { cardText, executeActions } from '../support/card-text';

const CONTOSO = '434fb1a8-7442-4f06-a915-a825a1bb25b0';
const OTHER_AGENT = '7c2d9e41-0b5a-4c8e-9f3d-2a6b1e8c4d57';

function entriesOf(card: any): string[] {
  const containers = (card.body as any[]).filter((b) => b.type === 'Container');
  return containers.map((c) => (c.items as any[]).map((i) => i.text).join(' | '));
}

describe('history of a customer', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('lists who checked the customer, newest first, by the Teams name the bot knows', async () => {
    await bot.say(`status ${CONTOSO}`);
    const other = bot.activity(
      'message',
      { aadObjectId: OTHER_AGENT },
      { text: 'status contosoltd.onmicrosoft.com' },
    );
    (other.from as Record<string, unknown>).name = 'Lee Gu';
    await bot.post(other);
    const [card] = await bot.say('history contosoltd.onmicrosoft.com');

    const text = cardText(card);
    expect(text).toContain('History of Contoso Ltd');
    const entries = entriesOf(card);
    expect(entries[0]).toContain('Checked the status: Accepted (partner attestation)');
    expect(entries[0]).toContain('· Lee Gu');
    expect(entries[1]).toContain('· Test User');
    expect(entries[0]).toMatch(/UTC/);
    expect(text).not.toContain(OTHER_AGENT);
    expect(text).not.toMatch(/Olivia|Bennett|example\.com/);
  });

  it('pages older entries with Older entries, each entry exactly once', async () => {
    const audit = bot.app.services.store.audit;
    for (let i = 0; i < 12; i++) {
      await audit.append({
        at: new Date(Date.UTC(2026, 2, 1, 9, i)).toISOString(),
        actorAadObjectId: SANDBOX_ADMIN_AGENT_ID,
        actorTenantId: SANDBOX_PARTNER_TENANT_ID,
        action: i % 2 ? 'acceptance.requested' : 'acceptance.reminder-sent',
        customerTenantId: CONTOSO,
      });
    }
    const [first] = await bot.say(`history ${CONTOSO}`);
    const more = executeActions(first).find((a) => a.verb === 'historyPage')!;
    expect(more.title).toBe('Older entries');
    const second = await bot.click(more.verb, more.data);
    const all = [...entriesOf(first), ...entriesOf(second.card)];

    expect(entriesOf(first)).toHaveLength(10);
    expect(all).toHaveLength(14);
    expect(new Set(all).size).toBe(14);
    expect(all.filter((e) => e.includes('Requested MCA acceptance'))).toHaveLength(6);
    expect(all.filter((e) => e.includes('Acceptance reminder sent'))).toHaveLength(6);
    expect(cardText(second.card)).toContain('History of Contoso Ltd');
    expect(executeActions(second.card).some((a) => a.verb === 'historyPage')).toBe(false);
  });

  it('says so when nothing happened yet, and when no customer matches', async () => {
    const [empty] = await bot.say('history fabrikam');
    expect(cardText(empty)).toContain('Nobody has checked, requested or sent anything');
    const [none] = await bot.say('history nobody-like-this');
    expect(cardText(none)).toContain('No matching customer');
    const [nothing] = await bot.say('history');
    expect(cardText(nothing)).toContain('`history` followed by a company name');
    const [several] = await bot.say('history contoso');
    expect(cardText(several)).toContain('Several customers match: Contoso Ltd (contosoltd.onmicrosoft.com)');
  });

  it('refuses card data that names no customer or page', async () => {
    const bad = await bot.click('historyPage', { tenantId: 'x', beforeId: 3 });
    expect(cardText(bad.card)).toContain('does not name a valid customer');
    const noPage = await bot.click('historyPage', { tenantId: CONTOSO, beforeId: 'soon' });
    expect(cardText(noPage.card)).toContain('names no valid page');
  });

  it('refuses people outside the partner tenant', async () => {
    const [card] = await bot.say(`history ${CONTOSO}`, { tenantId: CUSTOMER_TENANT_ID });
    expect(cardText(card)).toContain('This is for Fabrikam Cloud Solutions staff');
    expect(cardText(card)).not.toContain('Contoso');
  });
});
