import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox';
import { SANDBOX_ADMIN_AGENT_ID } from '../../src/sandbox/constants';
import { BotHarness, type Who } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { submitFirstForm } from '../support/html-form';
import { NORTHWIND, purchaseSandbox } from '../support/purchases';
import { until } from '../support/until';

const LUMIERE = 'e22735ea-5cd8-4571-a915-3be63342f40d';
const WOERTHERSEE = 'c62a10d9-f723-48ea-a5d2-87cdf47566dc';

/** Every element of a card (or of many) with a `color`. */
function colors(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => colors(n, out));
  else if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (typeof n.color === 'string') out.push(n.color);
    Object.values(n).forEach((v) => colors(v, out));
  }
  return out;
}

describe('cards a partner can read', () => {
  const bot = new BotHarness();
  let sandbox: Sandbox;
  const seen: unknown[] = [];
  beforeAll(async () => {
    sandbox = await purchaseSandbox();
    await bot.start({}, { externalSandbox: sandbox });
  });
  afterAll(async () => {
    await bot.stop();
    await sandbox.close();
  });

  /** Says something as Megan Bowen, the Admin agent, whose Teams name the bot sees on each activity. */
  const sayAsMegan = async (text: string, who: Who = {}) => {
    const before = bot.teams.messages().length;
    const activity = bot.activity('message', who, { text });
    (activity.from as Record<string, unknown>).name = 'Megan Bowen';
    await bot.post(activity);
    const all = await bot.teams.waitForMessages(before + 1);
    const cards = all.slice(before).flatMap((m) => (m.attachments ?? []).map((a: any) => a.content));
    seen.push(...cards);
    return cards;
  };

  it('uses no yellow text: warning headers carry dark text, alerts are red', async () => {
    const [status] = await sayAsMegan(`status ${WOERTHERSEE}`);
    expect(cardText(status)).toContain('Re-acceptance needed');
    expect(status.body[0].style).toBe('warning');
    const [help] = await sayAsMegan('frobnicate');
    sandbox.world.injectFault({ status: 503, times: 50 });
    const [down] = await sayAsMegan('status fabrikam');
    sandbox.world.reset();
    expect(cardText(down)).toContain("Partner Center didn't answer");
    const [several] = await sayAsMegan('notify contoso Microsoft 365 E3');
    // The customer's own status card (a customer typing status) follows the same rule.
    const [mine] = await bot.say('status', {
      tenantId: WOERTHERSEE,
      aadObjectId: 'c62a10d9-aaaa-4bbb-8ccc-87cdf47566dc',
      conversationId: 'a:customer-woerthersee',
    });
    seen.push(mine);
    expect(JSON.stringify(mine)).toContain('"style":"warning"');
    for (const card of [status, help, down, several, mine]) expect(colors(card)).not.toContain('Warning');
  });

  it('shows the reminder time with an hour on the tracking card', async () => {
    await sayAsMegan('notify northwind Microsoft 365 E3 x2 #PO-5');
    const edit = await until(
      () =>
        bot.teams.requests
          .filter((r) => r.method === 'PUT')
          .map((r) => cardText(r.body.attachments[0].content))
          .find((t) => t.includes('next on')),
      'the tracking card with the next reminder',
    );
    expect(edit).toMatch(/next on [^\n]*\d{1,2}:\d{2}[^\n]* UTC/);
    expect(
      (await bot.app.services.store.records.findByIndex<any>('purchase-notice', NORTHWIND.id)).length,
    ).toBe(1);
  });

  it('names people in history by their Teams name and credits the acceptance to the customer', async () => {
    const form = await bot.click('requestAcceptance', { tenantId: LUMIERE });
    expect(cardText(form.card)).toContain('Request MCA acceptance');
    const send = bot.activity(
      'invoke',
      {},
      {
        name: 'adaptiveCard/action',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'submitAcceptanceRequest',
            data: {
              tenantId: LUMIERE,
              firstName: 'Chloé',
              lastName: 'Lefèvre',
              email: 'chloe.lefevre@example.com',
              companyName: 'Lumière & Fils SARL',
              country: 'FR',
              language: 'fr-FR',
            },
          },
          trigger: 'manual',
        },
      },
    );
    (send.from as Record<string, unknown>).name = 'Megan Bowen';
    expect((await bot.post(send)).status).toBe(200);
    const request = await until(async () => {
      const [r] = await bot.app.services.store.records.findByIndex<any>('acceptance-request', LUMIERE);
      return r?.value.acceptanceUrl ? r.value : undefined;
    }, 'the acceptance link');
    expect((await submitFirstForm(request.acceptanceUrl)).status).toBe(200);
    await bot.click('refreshAcceptanceRequest', { requestId: request.id });

    const [history] = await sayAsMegan('history lumiere');
    const lines = cardText(history).split('\n');
    const after = (label: string) => lines[lines.findIndex((l) => l.startsWith(label)) + 1] ?? '';
    expect(after('Accepted the MCA')).toMatch(/· the customer$/);
    expect(after('Recorded the acceptance in Partner Center')).toMatch(/· MCA Assist$/);
    expect(after('Requested MCA acceptance')).toMatch(/· Megan Bowen$/);
    expect(cardText(history)).not.toContain(`user ${SANDBOX_ADMIN_AGENT_ID.slice(0, 8)}`);
  });

  it('names failed background work in words, never by its job type', async () => {
    const jobs = bot.app.services.store.jobs;
    const later = new Date(Date.now() + 86_400_000);
    for (const type of ['portfolio.digest', 'billing.sync-invoices']) {
      await jobs.enqueue({ type, payload: {}, runAt: later, idempotencyKey: `dead:${type}`, maxAttempts: 1 });
      const [job] = await jobs.lease(later, 60_000, 1, [type]);
      await jobs.fail(job!.id, 'gave up');
    }
    const [card] = await sayAsMegan('failed');
    const text = cardText(card);
    expect(text).toContain('Daily MCA digest for a channel');
    expect(text).toContain('Billing sync invoices');
    expect(text).not.toContain('portfolio.digest');
    expect(text).not.toContain('billing.sync');
  });

  it('sent no card with yellow text in any of this', () => {
    expect(colors([...seen, ...bot.teams.cards()])).not.toContain('Warning');
  });
});
