import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/clock';
import { generateCustomers, startSandbox, type Sandbox } from '../../src/sandbox';
import { BotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { countsOf, expectedCounts, runPending } from '../support/portfolio';

/** Minutes pass 60 times faster for the app and the sandbox, so minute windows take a second. */
const SPEED = 60;
function fastClock(start = Date.parse('2026-03-02T09:00:30Z')) {
  const origin = performance.now();
  return { now: () => new Date(start + (performance.now() - origin) * SPEED) };
}
const fastSleep = (ms: number, signal?: AbortSignal) => sleep(ms / SPEED, signal);

const LIMIT = 120;
const CUSTOMERS = generateCustomers(100, 7);

describe('the Partner Center limiter under a sweep', () => {
  const clock = fastClock();
  const bot = new BotHarness();
  let sandbox: Sandbox;

  beforeAll(async () => {
    // The sandbox enforces the same limit: a request over it would come back as a 429.
    sandbox = await startSandbox({ customers: CUSTOMERS, clock, rateLimitPerMinute: LIMIT });
    await bot.start(
      { PARTNER_CENTER_RATE_LIMIT_PER_MINUTE: String(LIMIT) },
      { clock, sleep: fastSleep, externalSandbox: sandbox },
    );
  });
  afterAll(async () => {
    await bot.stop();
    await sandbox.close();
  });

  it('never sends more than the limit in any minute window, and no customer sees a 429', async () => {
    const { result, activityId } = await runPending(bot, 'pending');
    const stats = sandbox.world.stats();

    expect(countsOf(result)).toEqual(expectedCounts(CUSTOMERS));
    expect(stats.perMinute.length).toBeGreaterThanOrEqual(3);
    expect(stats.maxPerMinute).toBeLessThanOrEqual(LIMIT);
    expect(stats.throttled).toBe(0);

    // A sweep this long (minutes, on this clock) edits its progress card in place before the result.
    const edits = bot.teams.requests
      .filter((r) => r.method === 'PUT' && r.path.endsWith(`/activities/${activityId}`))
      .map((r) => cardText(r.body.attachments[0].content));
    expect(edits.some((text) => /Checked \d+ of 100 customers/.test(text))).toBe(true);
    expect(edits.at(-1)).toContain('Need action');
  }, 30_000);

  it('slows every call down for a 429’s Retry-After instead of failing the customer', async () => {
    sandbox.world.resetStats();
    sandbox.world.injectFault({
      match: 'directSignedMicrosoftCustomerAgreementStatus',
      status: 429,
      retryAfterSeconds: 20,
      times: 1,
    });
    const { result } = await runPending(bot, 'pending');

    expect(countsOf(result)).toEqual(expectedCounts(CUSTOMERS));
    expect(cardText(result)).not.toContain("Can't tell — retry");
    const log = sandbox.world.requestLog();
    const throttledAt = Date.parse(log.find((r) => r.status === 429)!.at);
    // Calls already on their way may land just after the 429; then everyone waits out the 20 s.
    const during = log.filter((r) => {
      const at = Date.parse(r.at);
      return at > throttledAt + 2_000 && at < throttledAt + 19_000;
    });
    expect(during).toEqual([]);
    expect(log.some((r) => Date.parse(r.at) >= throttledAt + 20_000)).toBe(true);
  }, 30_000);
});
