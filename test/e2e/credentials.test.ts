import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { BotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { MutableClock } from '../store/mutable-clock';

const DAY = 86_400_000;
const FABRIKAM = '4db61b85-10e6-4651-969d-6fbe6f49b1fc';

describe('credentials that last, through the whole bot (SANDBOX_SIGN_IN=entra)', () => {
  const clock = new MutableClock('2026-01-05T09:00:00Z');
  let sandbox: Sandbox;
  const bot = new BotHarness();
  beforeAll(async () => {
    sandbox = await startSandbox({ clock, control: true, log: silentLogger() });
    await bot.start(
      { SANDBOX_SIGN_IN: 'entra', TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('hex') },
      { externalSandbox: sandbox, clock },
    );
  });
  afterAll(async () => {
    await bot.stop();
    await sandbox.close();
  });

  const ready = async () => (await fetch(`${bot.url}/readyz`)).status;

  it('keeps answering status across restarts 30 days apart, then says how to consent again once revoked', async () => {
    for (let day = 0; day <= 120; day += 30) {
      const [card] = await bot.say(`status ${FABRIKAM}`);
      expect(cardText(card)).toContain('MCA accepted by the customer');
      expect(await ready()).toBe(200);
      clock.advance(30 * DAY);
      await bot.restart();
    }
    expect(sandbox.world.login.redemptions).toBeGreaterThanOrEqual(5);

    sandbox.world.login.revokeAll();
    await bot.restart();
    expect(await ready()).toBe(503);
    const [card] = await bot.say(`status ${FABRIKAM}`);
    const text = cardText(card);
    expect(text).toContain('Re-run the consent step');
    expect(text).toContain('README › Going live');
    expect(text).toContain('npm run consent');
  }, 60_000);
});
