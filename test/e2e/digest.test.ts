import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/app';
import { DEMO_CUSTOMERS, startSandbox, type Sandbox } from '../../src/sandbox';
import { SANDBOX_PARTNER_TENANT_ID } from '../../src/sandbox/constants';
import { BotHarness, CUSTOMER_TENANT_ID } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { countsOf, expectedCounts } from '../support/portfolio';
import { MutableClock } from '../store/mutable-clock';

const CHANNEL = '19:digest-channel@thread.tacv2';
const inChannel = { conversationId: CHANNEL, conversationType: 'channel' as const };
const MONDAY = '2026-03-02T08:00:00.000Z';
const key = (due: string) => `digest:${SANDBOX_PARTNER_TENANT_ID}/${CHANNEL}:${due}`;

describe('daily digest in a team channel', () => {
  const clock = new MutableClock('2026-03-02T07:58:00Z');
  const bot = new BotHarness();
  let sandbox: Sandbox;

  const digests = () =>
    bot.teams.cards(CHANNEL).filter((card) => cardText(card).includes('Daily MCA digest'));
  /** Runs due jobs until none is left (each digest run waits for its sweep). */
  const settle = async () => {
    for (let i = 0; i < 5; i++) await bot.app.worker.runDue();
  };

  beforeAll(async () => {
    sandbox = await startSandbox();
    await bot.start({}, { clock, externalSandbox: sandbox });
  });
  afterAll(async () => {
    await bot.stop();
    await sandbox.close();
  });

  it('asks for a team channel when someone subscribes a personal chat', async () => {
    const [card] = await bot.say('digest on');
    expect(cardText(card)).toContain('The daily digest goes to a team channel');
  });

  it('subscribes a channel and says when the first digest comes', async () => {
    const [card] = await bot.say('digest on', inChannel);
    const text = cardText(card);
    expect(text).toContain('Daily digest is on');
    expect(text).toContain('08:00 UTC on Monday, Tuesday, Wednesday, Thursday, Friday');
    expect(text).toContain('Mar 2, 2026, 8:00 AM');
    expect(await bot.app.services.store.jobs.getByKey(key(MONDAY))).toMatchObject({ status: 'pending' });

    const [again] = await bot.say('digest on', inChannel);
    expect(cardText(again)).toContain('Daily digest is already on');
  });

  it('posts nothing before the time', async () => {
    await settle();
    expect(digests()).toHaveLength(0);
  });

  it('posts the digest once when it is due, with counts equal to the sandbox truth', async () => {
    clock.set('2026-03-02T08:00:05Z');
    await settle();
    await settle();
    expect(digests()).toHaveLength(1);
    expect(countsOf(digests()[0])).toEqual(expectedCounts([...DEMO_CUSTOMERS]));
    expect(await bot.app.services.store.jobs.getByKey(key('2026-03-03T08:00:00.000Z'))).toMatchObject({
      status: 'pending',
    });
  });

  it('does not post again when the process restarts near the hour', async () => {
    clock.set('2026-03-02T08:00:40Z');
    await bot.restart();
    await settle();
    expect(digests()).toHaveLength(1);
  });

  it('does not post again when a crash makes the worker run the same job a second time', async () => {
    const job = (await bot.app.services.store.jobs.getByKey(key(MONDAY)))!;
    const run = createRouter().jobs().get('portfolio.digest')!;
    expect(await run(job, bot.app.services, new AbortController().signal)).toEqual({ done: true });
    expect(digests()).toHaveLength(1);
  });

  it('posts the next weekday, and skips the weekend', async () => {
    clock.set('2026-03-03T08:00:01Z');
    await settle();
    await settle();
    expect(digests()).toHaveLength(2);
    // Friday's run schedules Monday.
    clock.set('2026-03-06T08:00:01Z');
    await settle();
    await settle();
    expect(await bot.app.services.store.jobs.getByKey(key('2026-03-09T08:00:00.000Z'))).toMatchObject({
      status: 'pending',
    });
  });

  it('stops after digest off', async () => {
    const before = digests().length;
    const [card] = await bot.say('digest off', inChannel);
    expect(cardText(card)).toContain('Daily digest is off');
    clock.set('2026-03-09T08:00:01Z');
    await settle();
    expect(digests()).toHaveLength(before);
    expect(await bot.app.services.store.jobs.getByKey(key('2026-03-09T08:00:00.000Z'))).toMatchObject({
      status: 'done',
    });
    const [none] = await bot.say('digest off', inChannel);
    expect(cardText(none)).toContain('nothing to stop');
  });

  it('refuses people outside the partner tenant', async () => {
    const [card] = await bot.say('digest on', { ...inChannel, tenantId: CUSTOMER_TENANT_ID });
    expect(cardText(card)).toContain('This is for Fabrikam Cloud Solutions staff');
  });
});
