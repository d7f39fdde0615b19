import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep as realSleep } from '../../src/core/clock';
import { BotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { until } from '../support/until';

const FABRIKAM = '4db61b85-10e6-4651-969d-6fbe6f49b1fc';
const BUDGET = { TURN_STILL_CHECKING_MS: '300', TURN_ANSWER_MS: '1500' };

/** The text of the first adaptive card of a captured request body. */
const textOf = (body: any): string =>
  cardText((body?.attachments ?? []).find((a: any) => a.contentType?.includes('adaptive'))?.content ?? {});

/**
 * A clock that runs with real time plus an offset the test can add, and a sleep that holds long
 * waits (Partner Center's 120 s Retry-After) until the test lets time jump past them.
 */
function controllableTime() {
  let offset = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    clock: { now: () => new Date(Date.now() + offset) },
    sleep: (ms: number, signal?: AbortSignal) => (ms >= 60_000 ? gate : realSleep(ms, signal)),
    jump(ms: number) {
      offset += ms;
      release();
    },
  };
}

describe("Teams' time limit: every request is answered within the budget", () => {
  const time = controllableTime();
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start(
      { ...BUDGET, PARTNER_CENTER_TIMEOUT_MS: '30000' },
      { clock: time.clock, sleep: time.sleep },
    );
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('answers a message while Partner Center takes 20 s, shows "still checking", then edits it into the answer', async () => {
    const world = bot.app.sandbox!.world;
    world.latencyMs = 20_000;
    const before = bot.teams.requests.length;
    const res = await bot.post(bot.activity('message', {}, { text: `status ${FABRIKAM}` }));
    const answeredAt = Date.now();
    world.latencyMs = 0; // calls already waiting keep their 20 s; later ones are quick
    expect(res.status).toBe(200);
    const sent = bot.teams.requests
      .slice(before)
      .filter((r) => r.method === 'POST' && r.body?.type === 'message');
    expect(sent).toHaveLength(1);
    expect(textOf(sent[0]!.body)).toContain('Still checking with Partner Center');
    expect(bot.teams.requests.slice(before).some((r) => r.method === 'PUT')).toBe(false);

    const placeholderId = sent[0]!.id;
    const edit = await until(
      () => bot.teams.requests.find((r) => r.method === 'PUT' && r.path.includes(placeholderId)),
      'the still-checking card to be edited',
      40_000,
    );
    expect(edit.at).toBeGreaterThan(answeredAt);
    expect(textOf(edit.body)).toContain('MCA accepted by the customer');
  }, 60_000);

  it('says Partner Center is throttling and when it retries, then edits the card once the 120 s Retry-After has passed', async () => {
    bot.app.sandbox!.world.injectFault({ status: 429, times: 1, retryAfterSeconds: 120 });
    const before = bot.teams.requests.length;
    const asked = time.clock.now().getTime();
    const res = await bot.post(bot.activity('message', {}, { text: `status ${FABRIKAM}` }));
    expect(res.status).toBe(200);
    const [placeholder] = bot.teams.requests
      .slice(before)
      .filter((r) => r.method === 'POST' && r.body?.type === 'message');
    const text = textOf(placeholder!.body);
    expect(text).toContain('Partner Center is throttling requests');
    const retryAt = Date.parse(/TIME\(([^)]+)\)/.exec(text)?.[1] ?? '');
    expect(retryAt - asked).toBeGreaterThan(100_000);
    expect(retryAt - asked).toBeLessThanOrEqual(121_000);
    expect(bot.teams.requests.slice(before).some((r) => r.method === 'PUT')).toBe(false);

    time.jump(121_000);
    const edit = await until(
      () => bot.teams.requests.find((r) => r.method === 'PUT' && r.path.includes(placeholder!.id)),
      'the throttling card to be edited',
    );
    expect(textOf(edit.body)).toContain('MCA accepted by the customer');
  });

  it('answers a slow card action with a still-checking card and edits the clicked card afterwards', async () => {
    const world = bot.app.sandbox!.world;
    world.latencyMs = 2_000;
    const before = bot.teams.requests.length;
    const res = await bot.click('refreshStatus', { tenantId: FABRIKAM }, {}, 'manual', 'clicked-card-1');
    world.latencyMs = 0;
    expect(res.status).toBe(200);
    expect(cardText(res.card)).toContain('Still checking with Partner Center');
    expect(bot.teams.requests.slice(before).some((r) => r.method === 'PUT')).toBe(false);

    const edit = await until(
      () => bot.teams.requests.find((r) => r.method === 'PUT' && r.path.includes('clicked-card-1')),
      'the clicked card to be edited',
    );
    expect(textOf(edit.body)).toContain('MCA accepted by the customer');
  });

  it('runs a retried activity (same id) once and answers the retry like the first', async () => {
    const click = bot.activity(
      'invoke',
      {},
      {
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'refreshStatus', data: { tenantId: FABRIKAM } } },
      },
    );
    const message = bot.activity('message', {}, { text: 'help' });
    const first = await bot.post(click);
    const again = await bot.post(click);
    expect(again).toEqual(first);

    const before = bot.teams.messages().length;
    await bot.post(message);
    await bot.teams.waitForMessages(before + 1);
    await bot.post(message);
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.teams.messages().length).toBe(before + 1);

    const metrics = await (await fetch(`${bot.url}/metrics`)).text();
    expect(metrics).toContain('activities_retried_total{type="invoke"} 1');
    expect(metrics).toContain('activities_retried_total{type="message"} 1');
  });

  it('runs a retry that arrives while the first run is still working only once', async () => {
    const world = bot.app.sandbox!.world;
    world.latencyMs = 1_000;
    const click = bot.activity(
      'invoke',
      {},
      {
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'refreshStatus', data: { tenantId: FABRIKAM } } },
        replyToId: 'clicked-card-2',
      },
    );
    const [a, b] = await Promise.all([bot.post(click), bot.post(click)]);
    world.latencyMs = 0;
    expect(b).toEqual(a);
    await until(
      () => bot.teams.requests.find((r) => r.method === 'PUT' && r.path.includes('clicked-card-2')),
      'the clicked card to be edited',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(
      bot.teams.requests.filter((r) => r.method === 'PUT' && r.path.includes('clicked-card-2')),
    ).toHaveLength(1);
  });
});

describe("Teams' time limit when Partner Center hangs", () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start({ ...BUDGET, PARTNER_CENTER_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('answers at once and edits the still-checking card into "Partner Center didn\'t answer"', async () => {
    bot.app.sandbox!.world.injectFault({ status: 'hang', times: 10 });
    const before = bot.teams.requests.length;
    const res = await bot.post(bot.activity('message', {}, { text: `status ${FABRIKAM}` }));
    expect(res.status).toBe(200);
    const [placeholder] = bot.teams.requests
      .slice(before)
      .filter((r) => r.method === 'POST' && r.body?.type === 'message');
    expect(textOf(placeholder!.body)).toContain('Still checking with Partner Center');
    const edit = await until(
      () => bot.teams.requests.find((r) => r.method === 'PUT' && r.path.includes(placeholder!.id)),
      'the card to be edited',
      20_000,
    );
    expect(textOf(edit.body)).toContain("Partner Center didn't answer");
  }, 30_000);
});
