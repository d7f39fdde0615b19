import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakePc, type FakePc } from './fake-pc';
import { APP_TOKEN, USER_TOKEN, rejectionOf, testClient } from './helpers';

const LINK =
  'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=3b33e682-00c3-41ee-9dd2-a548adf56438&msppId=0&DAP=false#/BillingAccounts/partner-invitation';

describe('Partner Center reseller invitation and webhook registration', () => {
  let pc: FakePc;
  beforeEach(async () => {
    pc = await startFakePc();
  });
  afterEach(async () => {
    await pc.close();
  });

  it('reads the reseller invitation link with an App+User token', async () => {
    pc.on('GET', '/v1/customers/relationshiprequests', {
      body: { url: LINK, attributes: { objectType: 'RelationshipRequest' } },
    });
    const { client } = testClient(pc);
    expect(await client.getResellerInvitation()).toEqual({ url: LINK });
    expect(pc.requests[0]!.headers.authorization).toBe(`Bearer ${USER_TOKEN}`);
  });

  it('refuses an invitation answer without a link', async () => {
    pc.on('GET', '/v1/customers/relationshiprequests', { body: { attributes: {} } });
    const err = await rejectionOf(testClient(pc).client.getResellerInvitation());
    expect(err.message).toContain('reseller relationship request');
  });

  it('creates a registration with POST when none exists (404), app-only', async () => {
    pc.on('GET', '/webhooks/v1/registration', {
      status: 404,
      body: { code: 'NotFound', description: 'none' },
    });
    pc.on('POST', '/webhooks/v1/registration', {
      status: 201,
      body: {
        SubscriberId: 's-1',
        WebhookUrl: 'https://bot.example.com/api/partner-center/webhooks',
        WebhookEvents: ['test-created'],
      },
    });
    const { client } = testClient(pc);
    const result = await client.registerWebhook('https://bot.example.com/api/partner-center/webhooks', [
      'test-created',
    ]);
    expect(result.previous).toBeUndefined();
    expect(result.registration.SubscriberId).toBe('s-1');
    const post = pc.requests.find((r) => r.method === 'POST')!;
    expect(JSON.parse(post.body)).toEqual({
      WebhookUrl: 'https://bot.example.com/api/partner-center/webhooks',
      WebhookEvents: ['test-created'],
    });
    expect(post.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(post.headers['content-type']).toBe('application/json');
  });

  it('replaces an existing registration with PUT and reports the previous one', async () => {
    const old = {
      SubscriberId: 's-1',
      WebhookUrl: 'https://old.example.com/hook',
      WebhookEvents: ['invoice-ready'],
    };
    pc.on('GET', '/webhooks/v1/registration', { body: old });
    pc.on('PUT', '/webhooks/v1/registration', {
      body: { ...old, WebhookUrl: 'https://bot.example.com/hook', WebhookEvents: ['test-created'] },
    });
    const result = await testClient(pc).client.registerWebhook('https://bot.example.com/hook', [
      'test-created',
    ]);
    expect(result.previous).toEqual(old);
    expect(result.registration.WebhookUrl).toBe('https://bot.example.com/hook');
    expect(pc.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
  });
});
