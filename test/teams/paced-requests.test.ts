import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationReference } from 'botbuilder';
import type { AppConfig } from '../../src/config';
import { silentLogger } from '../../src/core/logger';
import { createAdapter } from '../../src/teams/adapter';
import { paceConnectorRequests } from '../../src/teams/paced-requests';
import { CaptureServer } from '../support/capture-server';

const TENANT = '5b9e2a47-1c3d-4e8f-9a0b-1c2d3e4f5a61';

describe('Teams permits taken inside the connector pipeline', () => {
  const teams = new CaptureServer();
  beforeAll(async () => {
    await teams.start();
  });
  afterAll(async () => {
    await teams.stop();
  });

  it('holds each request until its permit, after every other policy of the real CloudAdapter client', async () => {
    const adapter = createAdapter({ bot: { appType: 'MultiTenant' } } as AppConfig, silentLogger());
    const reference = {
      channelId: 'msteams',
      serviceUrl: teams.url,
      conversation: { id: 'a:paced', tenantId: TENANT, conversationType: 'personal' },
      bot: { id: '28:bot', name: 'MCA Assist' },
    } as Partial<ConversationReference>;
    let release!: () => void;
    let asked = 0;
    let answered = 0;
    const gate = () => {
      asked++;
      return new Promise<() => void>((resolve) => (release = () => resolve(() => answered++)));
    };
    let last: string | undefined;
    await adapter.continueConversationAsync('', reference, async (context) => {
      expect(paceConnectorRequests(context, gate)).toBe(true);
      const connector = context.turnState.get(context.adapter.ConnectorClientKey);
      last = connector.client.pipeline.getOrderedPolicies().at(-1)?.name;
      const sent = context.sendActivity('paced');
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Asked for its permit, not sent before it is granted.
      expect(asked).toBe(1);
      expect(teams.requests.filter((r) => r.path.includes('a%3Apaced'))).toHaveLength(0);
      expect(answered).toBe(0);
      release();
      await sent;
      // The permit is handed back only once Teams' answer is in.
      expect(answered).toBe(1);
    });
    expect(last).toBe('mcaTeamsPacing');
    expect(teams.requests.filter((r) => r.path.includes('a%3Apaced'))).toHaveLength(1);
    expect(asked).toBe(1);
  });
});
