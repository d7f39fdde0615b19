import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { submitFirstForm } from '../support/html-form';
import { until } from '../support/until';
import { LUMIERE_SIGNATORY, TAILSPIN_SIGNATORY } from '../support/signatories';

const TAILSPIN = '7e54339f-40ba-43cd-8d67-4d7db418ff1a';
const LUMIERE = 'e22735ea-5cd8-4571-a915-3be63342f40d';

describe('a sandbox restart loses nothing', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  const request = async (tenantId: string, fields: Record<string, string>) => {
    await bot.click('submitAcceptanceRequest', { tenantId, ...fields });
    return until(async () => {
      const [r] = await bot.app.services.store.records.findByIndex<any>('acceptance-request', tenantId);
      return r?.value.acceptanceUrl ? r.value : undefined;
    }, 'the acceptance link');
  };

  it('keeps accepted customers accepted, acceptance links working and the port, across a restart', async () => {
    const accepted = await request(TAILSPIN, TAILSPIN_SIGNATORY);
    expect((await submitFirstForm(accepted.acceptanceUrl)).status).toBe(200);
    await bot.click('refreshAcceptanceRequest', { requestId: accepted.id });
    const [before] = await bot.say(`status ${TAILSPIN}`);
    expect(cardText(before)).toContain('MCA accepted');

    const pending = await request(LUMIERE, LUMIERE_SIGNATORY);
    const mailsBefore = bot.app.sandbox!.world.outbox().map((m) => m.id);
    expect(mailsBefore.length).toBeGreaterThan(0);
    const urlBefore = bot.app.sandbox!.url;

    await bot.restart();
    expect(existsSync(path.join(bot.dataDir, 'sandbox-state.json'))).toBe(true);
    expect(bot.app.sandbox!.url).toBe(urlBefore);
    const mailsAfter = bot.app.sandbox!.world.outbox().map((m) => m.id);
    expect(mailsAfter).toEqual(expect.arrayContaining(mailsBefore));

    const [after] = await bot.say(`status ${TAILSPIN}`);
    expect(cardText(after)).toContain('MCA accepted');
    expect(cardText(after)).not.toContain('Not accepted');

    // The link e-mailed before the restart still opens, and accepting there is seen by the bot.
    expect((await submitFirstForm(pending.acceptanceUrl)).status).toBe(200);
    const res = await bot.click('refreshAcceptanceRequest', { requestId: pending.id });
    expect(cardText(res.card)).toContain('Accepted on');
    const [lumiere] = await bot.say(`status ${LUMIERE}`);
    expect(cardText(lumiere)).toContain('MCA accepted');
  });
});
