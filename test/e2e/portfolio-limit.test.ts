import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/clock';
import { generateCustomers, startSandbox, type Sandbox } from '../../src/sandbox';
import { BotHarness } from '../support/bot-harness';
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
    const { result } = await runPending(bot, 'pending');
    const stats = sandbox.world.stats();

    expect(countsOf(result)).toEqual(expectedCounts(CUSTOMERS));
    expect(stats.perMinute.length).toBeGreaterThanOrEqual(3);
    expect(stats.maxPerMinute).toBeLessThanOrEqual(LIMIT);
    expect(stats.throttled).toBe(0);
  }, 30_000);
});
