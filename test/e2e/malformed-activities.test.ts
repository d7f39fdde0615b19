import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness } from '../support/bot-harness';

const MARKER = 'body-marker-7f3a';

describe('malformed activities are refused before the framework', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  const message = () => bot.activity('message', {}, { text: `help ${MARKER}` });
  const without = (field: string) => {
    const a = message();
    delete a[field];
    return a;
  };
  const withField = (patch: Record<string, unknown>) => ({ ...message(), ...patch });

  const cases: [string, () => Record<string, unknown>, string, string][] = [
    ['no recipient', () => without('recipient'), 'recipient', 'recipient'],
    ['no sender', () => without('from'), 'from', 'sender'],
    ['no conversation', () => without('conversation'), 'conversation', 'conversation'],
    ['a numeric text', () => withField({ text: 42 }), 'text', 'text must be a string'],
    ['a numeric channelId', () => withField({ channelId: 7 }), 'channelId', 'channelId'],
    ['an object locale', () => withField({ locale: { lang: 'en' } }), 'locale', 'locale must be a string'],
    [
      'a string isGroup',
      () => withField({ conversation: { id: 'a:1', isGroup: 'yes' } }),
      'conversation',
      'isGroup must be a boolean',
    ],
    ['entities that are not a list', () => withField({ entities: 'mention' }), 'entities', 'entities'],
    ['entities holding strings', () => withField({ entities: ['mention'] }), 'entities', 'entities'],
    ['a sender without id', () => withField({ from: { name: 'x' } }), 'from', 'sender'],
  ];

  it.each(cases)(
    'answers 400 to an activity with %s, counts it and logs it without the body',
    async (_n, make, field, reason) => {
      const before = bot.logLines.length;
      const res = await bot.post(make());
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('BadRequest');
      expect(res.body.error.message).toContain(reason);
      const logged = bot.logLines.slice(before).filter((l) => l.includes('malformed activity refused'));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain(`"field":"${field}"`);
      expect(logged[0]).toContain('"level":40');
      expect(logged[0]).not.toContain(MARKER);
    },
  );

  it('counts refusals per field on /metrics', async () => {
    const text = await (await fetch(`${bot.url}/metrics`)).text();
    expect(text).toContain('activities_refused_total{field="entities"} 2');
    expect(text).toContain('activities_refused_total{field="recipient"} 1');
  });

  it('answers 501 to Teams invoke names the app does not declare, 400 to names Teams never sends', async () => {
    // composeExtension/query, selectItem and queryLink are declared (the findCustomer search, link previews).
    for (const name of ['task/fetch', 'composeExtension/fetchTask', 'config/fetch', 'signin/verifyState']) {
      const res = await bot.post(bot.activity('invoke', {}, { name, value: {} }));
      expect({ name, status: res.status }).toEqual({ name, status: 501 });
    }
    for (const name of ['drop/tables', undefined]) {
      const res = await bot.post(bot.activity('invoke', {}, { name, value: {} }));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('Unknown invoke name.');
    }
    expect((await bot.post(bot.activity('invoke', {}, { name: 42, value: {} }))).status).toBe(400);
  });

  it('never reaches "unhandled error in turn" when fuzzed', async () => {
    // A seeded generator: every run sends the same 300 activities.
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = [42, true, null, [], [1, 'x'], {}, { id: 5 }, { id: 'a:x' }, 'text', '', -1];
    const paths = [
      'recipient',
      'from',
      'conversation',
      'text',
      'channelId',
      'locale',
      'entities',
      'attachments',
      'membersAdded',
      'channelData',
      'value',
      'name',
      'replyToId',
      'conversation.isGroup',
      'conversation.tenantId',
      'from.aadObjectId',
      'channelData.tenant',
      'type',
    ];
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) {
      const a = message() as Record<string, any>;
      if (random() < 0.3) a.type = random() < 0.5 ? 'invoke' : 'conversationUpdate';
      for (let m = 0; m < 1 + Math.floor(random() * 3); m++) {
        const [head, leaf] = (paths[Math.floor(random() * paths.length)] ?? 'text').split('.') as [
          string,
          string | undefined,
        ];
        const value = values[Math.floor(random() * values.length)];
        let target = a;
        if (leaf !== undefined) {
          if (!target[head] || typeof target[head] !== 'object') continue;
          target = target[head];
        }
        const key = leaf ?? head;
        if (random() < 0.2) delete target[key];
        else target[key] = value;
      }
      statuses.add((await bot.post(a)).status);
    }
    expect([...statuses].every((s) => [200, 400, 501].includes(s))).toBe(true);
    expect(statuses.has(400)).toBe(true);
    expect(bot.logLines.filter((l) => l.includes('unhandled error in turn'))).toEqual([]);
    expect(bot.logLines.filter((l) => l.includes('"level":50'))).toEqual([]);
  });
});
