import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config';
import { silentLogger } from '../../src/core/logger';
import { openSqliteStore } from '../../src/store/sqlite';
import { createAdapter } from '../../src/teams/adapter';
import { TeamsMessenger } from '../../src/teams/messenger';
import { CaptureServer } from '../support/capture-server';

const TENANT = '5b9e2a47-1c3d-4e8f-9a0b-1c2d3e4f5a61';

describe('proactive sends through the real CloudAdapter', () => {
  const teams = new CaptureServer();
  const store = openSqliteStore({ file: ':memory:' });
  const sleeps: number[] = [];
  let messenger: TeamsMessenger;

  beforeAll(async () => {
    await teams.start();
    for (const id of ['a:ok', 'a:throttled', 'a:gone']) {
      const conversation = { id, tenantId: TENANT, conversationType: 'personal' };
      await store.conversations.save({
        tenantId: TENANT,
        conversationId: id,
        kind: 'customer',
        conversationType: 'personal',
        locale: 'en-US',
        serviceUrl: teams.url,
        reference: { channelId: 'msteams', serviceUrl: teams.url, conversation, bot: { id: '28:bot' } },
        updatedAt: new Date().toISOString(),
      });
    }
    messenger = new TeamsMessenger({
      adapter: createAdapter({ bot: { appType: 'MultiTenant' } } as AppConfig, silentLogger()),
      appId: '',
      conversations: store.conversations,
      log: silentLogger(),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    teams.fault = (r) => {
      if (r.path.includes('a%3Athrottled')) return { status: 429, headers: { 'Retry-After': '2' } };
      if (r.path.includes('a%3Agone')) return { status: 403, code: 'BotNotInConversationRoster' };
      return undefined;
    };
  });
  afterAll(async () => {
    await teams.stop();
    await store.close();
  });

  const attempts = (conversation: string) =>
    teams.requests.filter((r) => r.path.includes(conversation)).length;

  it('returns the id Teams gave the message', async () => {
    expect(await messenger.send({ tenantId: TENANT, conversationId: 'a:ok' }, { text: 'hi' })).toMatch(
      /^activity-/,
    );
  });

  it('retries a 429 only through its own policy, honouring Retry-After, one request per attempt', async () => {
    await expect(
      messenger.send({ tenantId: TENANT, conversationId: 'a:throttled' }, { text: 'hi' }),
    ).rejects.toMatchObject({ code: 'TEAMS_UNAVAILABLE', details: { status: 429 } });
    // botframework-connector's own pipeline retries are off: 4 attempts = 4 requests, not 16.
    expect(attempts('a%3Athrottled')).toBe(4);
    expect(sleeps.slice(0, 3).every((ms) => ms >= 2000)).toBe(true);
  });

  it('surfaces a 403 as TEAMS_NOT_REACHABLE instead of letting onTurnError swallow it', async () => {
    await expect(
      messenger.send({ tenantId: TENANT, conversationId: 'a:gone' }, { text: 'hi' }),
    ).rejects.toMatchObject({
      code: 'TEAMS_NOT_REACHABLE',
      details: { teamsCode: 'BotNotInConversationRoster' },
    });
    expect(attempts('a%3Agone')).toBe(1);
  });
});
