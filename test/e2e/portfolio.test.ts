import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/clock';
import { generateCustomers, startSandbox, type Sandbox } from '../../src/sandbox';
import { BotHarness, CUSTOMER_TENANT_ID } from '../support/bot-harness';
import { cardText, executeActions } from '../support/card-text';
import {
  LABEL,
  STATE_OF,
  allPages,
  countsOf,
  csvLink,
  expectedCounts,
  needsAction,
  parseCsv,
  rowIds,
  runPending,
} from '../support/portfolio';
import { MutableClock } from '../store/mutable-clock';
import { until } from '../support/until';

const CUSTOMERS = generateCustomers(200);
const byId = new Map(CUSTOMERS.map((c) => [c.id, c]));

describe('portfolio sweep through HTTP, CloudAdapter and the sandbox', () => {
  const clock = new MutableClock('2026-03-02T10:00:00Z');
  const bot = new BotHarness();
  let sandbox: Sandbox;
  let firstSweepCalls = 0;
  let firstResult: any;

  beforeAll(async () => {
    sandbox = await startSandbox({ customers: CUSTOMERS, control: true });
    // The app's clock moves only when a test moves it (signed-link expiry) and the limiter waits on
    // it, so it gets a budget it never has to refill. Retries happen without the real backoff.
    await bot.start(
      { PARTNER_CENTER_RATE_LIMIT_PER_MINUTE: '1000000' },
      { clock, externalSandbox: sandbox, sleep: (ms, signal) => sleep(Math.min(ms, 10), signal) },
    );
    // The relationships reconcile lists all customers once at start; let it finish so the
    // request counts below belong to the sweep alone.
    await until(
      () => bot.app.services.store.records.get('relationship.known-customers', 'reseller'),
      'the first relationships reconcile',
    );
  });
  afterAll(async () => {
    await bot.stop();
    await sandbox.close();
  });

  it('answers at once with a progress card, then shows counts per state equal to the sandbox truth', async () => {
    sandbox.world.resetStats();
    const { progress, result } = await runPending(bot, 'pending');
    firstSweepCalls = sandbox.world.stats().totalRequests;
    firstResult = result;

    expect(cardText(progress)).toContain('Checking the MCA status of all your customers');
    expect(cardText(progress)).toMatch(/Listing your customers|Checked \d+ of \d+ customers/);
    expect(countsOf(result)).toEqual(expectedCounts(CUSTOMERS));
    const text = cardText(result);
    expect(text).toContain('All customers · 200 customers');
    expect(text).toContain(`Need action: ${CUSTOMERS.filter(needsAction).length}`);
    // Continuation tokens: 200 customers come in two pages of 100.
    expect(sandbox.world.stats().byRoute['GET /v1/customers']).toBe(2);
  });

  it('pages through every customer needing action exactly once, ten per page', async () => {
    const pages = await allPages(bot, firstResult);
    const seen = pages.flatMap(rowIds);
    const expected = CUSTOMERS.filter(needsAction).map((c) => c.id);

    expect(pages.length).toBe(Math.ceil(expected.length / 10));
    expect(pages.slice(0, -1).every((p) => rowIds(p).length === 10)).toBe(true);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...expected].sort());
    expect(cardText(pages[1])).toContain(`Page 2 of ${pages.length}`);
    for (const id of seen) {
      const row = pages.find((p) => rowIds(p).includes(id));
      expect(cardText(row)).toContain(byId.get(id)!.companyProfile.domain);
    }

    const previous = executeActions(pages[2]).find((a) => a.title === 'Previous')!;
    const back = await bot.click(previous.verb, previous.data);
    expect(rowIds(back.card)).toEqual(rowIds(pages[1]));
  });

  it('gives two people clicking Next at the same moment the same page', async () => {
    const next = executeActions(firstResult).find((a) => a.title === 'Next')!;
    const [a, b] = await Promise.all([
      bot.click(next.verb, next.data, { aadObjectId: '11111111-aaaa-4aaa-8aaa-111111111111' }),
      bot.click(next.verb, next.data),
    ]);
    expect(a.status).toBe(200);
    expect(rowIds(a.card)).toHaveLength(10);
    expect(rowIds(a.card)).toEqual(rowIds(b.card));
  });

  it('serves a CSV whose rows equal the card’s rows, in order, without personal data', async () => {
    const res = await fetch(csvLink(firstResult));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="mca-pending-2026-03-02\.csv"/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes));

    expect(header).toEqual([
      'Company',
      'Domain',
      'Tenant ID',
      'Country',
      'Status',
      'Status code',
      'Last partner attestation',
      'Checked at (UTC)',
    ]);
    const pages = await allPages(bot, firstResult);
    expect(rows.map((r) => r[2])).toEqual(pages.flatMap(rowIds));
    for (const [company, domain, tenantId, country, status] of rows) {
      const c = byId.get(tenantId!)!;
      expect(company).toBe(c.companyProfile.companyName);
      expect(domain).toBe(c.companyProfile.domain);
      expect(country).toBe(c.billingProfile!.defaultAddress!.country);
      expect(status!.startsWith(LABEL[STATE_OF[c.scenario]])).toBe(true);
    }
    const csv = new TextDecoder().decode(bytes);
    for (const c of CUSTOMERS.filter(needsAction)) {
      for (const a of c.agreements) expect(csv).not.toContain(a.primaryContact.lastName + ',');
      expect(csv).not.toContain(c.billingProfile!.email!);
    }
  });

  it('refuses a tampered or expired CSV link with 403 and nothing else', async () => {
    const url = new URL(csvLink(firstResult));
    const tamper = async (change: (u: URL) => void) => {
      const copy = new URL(url);
      change(copy);
      const res = await fetch(copy);
      return { status: res.status, text: await res.text() };
    };
    const forged = [
      await tamper((u) => u.searchParams.set('country', 'DE')),
      await tamper((u) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 3_600_000))),
      await tamper((u) => u.searchParams.set('sweep', '20260302100000-00000000')),
      // A different first character (replacing an 'A' with 'A' would forge nothing: 1 run in 64 flaked).
      await tamper((u) =>
        u.searchParams.set(
          'sig',
          u.searchParams.get('sig')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
        ),
      ),
      await tamper((u) => u.searchParams.delete('sig')),
    ];
    for (const res of forged) expect(res).toEqual({ status: 403, text: 'This link is not valid.' });

    clock.advance(15 * 60_000 + 1_000);
    const expired = await tamper(() => undefined);
    expect(expired.status).toBe(403);
    expect(expired.text).toContain('This link has expired');
    expect(expired.text).not.toContain(',');
  });

  it('filters by country and by state, in counts, pages and CSV', async () => {
    const de = CUSTOMERS.filter((c) => c.billingProfile!.defaultAddress!.country === 'DE');
    const { result } = await runPending(bot, 'pending de');
    expect(countsOf(result)).toEqual(expectedCounts(de));
    expect(cardText(result)).toContain('Germany');
    const pages = await allPages(bot, result);
    expect(pages.flatMap(rowIds).sort()).toEqual(
      de
        .filter(needsAction)
        .map((c) => c.id)
        .sort(),
    );

    const notAccepted = await runPending(bot, 'pending not-accepted');
    const ids = (await allPages(bot, notAccepted.result)).flatMap(rowIds);
    expect(ids.sort()).toEqual(
      CUSTOMERS.filter((c) => c.scenario === 'not-accepted')
        .map((c) => c.id)
        .sort(),
    );
    const csv = parseCsv(await (await fetch(csvLink(notAccepted.result))).text());
    expect(
      csv
        .slice(1)
        .map((r) => r[2])
        .sort(),
    ).toEqual(ids);
  });

  it('explains an unknown filter, a page out of range and a report it no longer has', async () => {
    const [unknown] = await bot.say('pending atlantis');
    expect(cardText(unknown)).toContain("I don't know the filter “atlantis”");

    const next = executeActions(firstResult).find((a) => a.title === 'Next')!;
    const beyond = await bot.click('portfolioPage', { ...next.data, page: 99 });
    expect(cardText(beyond.card)).toMatch(/This report has \d+ pages; there is no page 100/);
    const negative = await bot.click('portfolioPage', { ...next.data, page: -1 });
    expect(cardText(negative.card)).toMatch(/This report has \d+ pages; there is no page 0/);
    const word = await bot.click('portfolioPage', { ...next.data, page: 'last' });
    expect(cardText(word.card)).toContain('names no valid page');
    const forged = await bot.click('portfolioPage', { ...next.data, sweepId: '20260302100000-deadbeef' });
    expect(cardText(forged.card)).toContain('This report is no longer kept');
    const badFilter = await bot.click('portfolioPage', { ...next.data, country: '<b>' });
    expect(cardText(badFilter.card)).toContain("This card carries a filter I don't know");
  });

  it('lets a second pending join the running sweep instead of starting another', async () => {
    sandbox.world.setLatency(40);
    sandbox.world.resetStats();
    try {
      const first = runPending(bot, 'pending');
      await new Promise((r) => setTimeout(r, 50));
      const second = await runPending(bot, 'pending de', { conversationId: 'a:another-chat' });
      const one = await first;
      expect(cardText(second.progress)).toContain('was already running');
      expect(sandbox.world.stats().byRoute['GET /v1/customers']).toBe(2);
      expect(executeActions(one.result)[0]!.data.sweepId).toBe(
        executeActions(second.result)[0]!.data.sweepId,
      );
    } finally {
      sandbox.world.setLatency(0);
    }
  });

  it('reads Partner Center at most half as often on a second sweep, thanks to the status cache', async () => {
    sandbox.world.resetStats();
    const { result } = await runPending(bot, 'pending');
    const second = sandbox.world.stats().totalRequests;
    expect(countsOf(result)).toEqual(expectedCounts(CUSTOMERS));
    expect(second).toBeLessThanOrEqual(firstSweepCalls / 2);
    // No accepted customer was read again; every other one was.
    const reread = new Set(
      sandbox.world
        .requestLog()
        .map((r) => r.customerId)
        .filter(Boolean),
    );
    for (const c of CUSTOMERS) expect(reread.has(c.id)).toBe(needsAction(c));
  });

  it('retries when Partner Center fails mid-sweep and lists who is still failing as “can’t tell — retry”', async () => {
    const broken = CUSTOMERS.find((c) => c.scenario === 'not-accepted')!;
    sandbox.world.injectFault({ match: `/v1/customers/${broken.id}/agreements`, status: 503, times: 1_000 });
    sandbox.world.injectFault({
      match: 'directSignedMicrosoftCustomerAgreementStatus',
      status: 503,
      times: 40,
    });
    try {
      const { result } = await runPending(bot, 'pending');
      const counts = countsOf(result);
      const total = Object.values(counts).reduce((sum, n) => sum + Number(n), 0);
      expect(total).toBe(200);
      expect(counts['Not accepted']).toBe(
        String(CUSTOMERS.filter((c) => c.scenario === 'not-accepted').length - 1),
      );
      expect(cardText(result)).toContain(
        "Partner Center didn't answer for 1 customer, even after retries: it is listed",
      );

      const pages = await allPages(bot, result);
      const page = pages.find((p) => rowIds(p).includes(broken.id))!;
      expect(cardText(page)).toContain(`${broken.companyProfile.domain} · `);
      expect(cardText(page)).toMatch(/Can't tell — retry/);
    } finally {
      sandbox.world.faults.clear();
    }
  });

  it('says the report is partial when Partner Center stops answering while listing customers', async () => {
    sandbox.world.injectFault({ match: 'seekOperation=Next', status: 503, times: 10 });
    try {
      const { result } = await runPending(bot, 'pending');
      const counts = countsOf(result);
      expect(Object.values(counts).reduce((sum, n) => sum + Number(n), 0)).toBe(100);
      expect(cardText(result)).toContain('so this covers only 100 of them');
    } finally {
      sandbox.world.faults.clear();
    }
  });

  it('posts a customer’s status card as a new message and leaves the report where it was', async () => {
    const status = executeActions(firstResult).find((a) => a.verb === 'portfolioStatus')!;
    const customer = byId.get(status.data.tenantId)!;
    const before = bot.teams.messages().length;
    const res = await bot.click(status.verb, status.data);
    expect(rowIds(res.card)).toEqual(rowIds(firstResult));
    const [posted] = (await bot.teams.waitForMessages(before + 1)).slice(before);
    const text = cardText(posted.attachments[0].content);
    expect(text).toContain(customer.companyProfile.domain);
    expect(text).toContain('What to do next');
  });

  it('refuses people outside the partner tenant and reveals no customer', async () => {
    const [card] = await bot.say('pending', { tenantId: CUSTOMER_TENANT_ID });
    expect(cardText(card)).toContain('This is for Fabrikam Cloud Solutions staff');
    const next = executeActions(firstResult).find((a) => a.title === 'Next')!;
    const page = await bot.click(next.verb, next.data, { tenantId: CUSTOMER_TENANT_ID });
    expect(rowIds(page.card)).toEqual([]);
  });
});
