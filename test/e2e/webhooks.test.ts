import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BotHarness } from '../support/bot-harness';

const EVENT = (date = new Date().toISOString()) =>
  JSON.stringify({
    EventName: 'test-created',
    ResourceUri: 'https://api.partnercenter.microsoft.com/webhooks/v1/registration/validationEvents/1',
    ResourceName: 'Test',
    AuditUri: null,
    ResourceChangeUtcDate: date,
  });

describe('POST /api/partner-center/webhooks refuses anything Partner Center did not sign, once', () => {
  const bot = new BotHarness();
  beforeAll(async () => {
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  const sender = () => bot.app.sandbox!.world.webhooks;
  const post = async (body: string | Buffer, headers: Record<string, string>) => {
    const res = await fetch(`${bot.url}/api/partner-center/webhooks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    });
    return { status: res.status, body: (await res.json()) as { status?: string; error?: { code: string } } };
  };
  const eventJobs = async () =>
    (await bot.app.services.store.jobs.list({ type: 'partner-center-event', limit: 50 })).length;
  const metric = async (outcome: string) => {
    const text = await (await fetch(`${bot.url}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`mca_partner_center_webhook_requests_total{outcome="${outcome}"}`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  it('accepts a signed event once and answers a replay 200 without handling it again', async () => {
    const body = EVENT();
    const first = await post(body, sender().headers(body));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: 'accepted' });
    const replay = await post(body, sender().headers(body));
    // Partner Center retries anything but 2xx and then queues the event offline.
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ status: 'duplicate' });
    expect(await eventJobs()).toBe(1);
    expect(await metric('accepted')).toBe(1);
    expect(await metric('duplicate')).toBe(1);
  });

  it('refuses an unsigned request, a wrong signature and a certificate from another host, processing nothing', async () => {
    const body = EVENT(new Date(Date.now() - 1000).toISOString());
    const headers = sender().headers(body);
    expect((await post(body, { 'Content-Type': 'application/json' })).status).toBe(401);
    const tampered = body.replace('test-created', 'test-createe');
    expect((await post(tampered, headers)).status).toBe(401);
    const elsewhere = { ...headers, 'X-MS-Certificate-Url': 'https://evil.example.com/cert.cer' };
    expect((await post(body, elsewhere)).status).toBe(401);
    expect(await eventJobs()).toBe(1);
    expect(await metric('unsigned')).toBe(1);
    expect(await metric('bad-signature')).toBe(1);
    expect(await metric('certificate-url-not-allowed')).toBe(1);
  });

  it('refuses an oversized body before verifying it', async () => {
    const big = Buffer.alloc(70 * 1024, 'a');
    const res = await post(big, { Authorization: `Signature ${sender().sign(big)}` });
    expect(res.status).toBe(413);
    expect(await metric('too-large')).toBe(1);
  });

  it('refuses a correctly signed body that is not a Partner Center event', async () => {
    for (const body of [
      'not json',
      '[1,2]',
      '{"EventName":"x y","ResourceChangeUtcDate":"2026-01-01"}',
      '{"EventName":"test-created"}',
    ]) {
      expect((await post(body, sender().headers(body))).status).toBe(400);
    }
    expect(await metric('malformed')).toBe(4);
    expect(await eventJobs()).toBe(1);
  });

  it('refuses a signed event too old to be a retry (a replay after the memory expired)', async () => {
    const body = EVENT(new Date(Date.now() - 30 * 86_400_000).toISOString());
    const res = await post(body, sender().headers(body));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'stale' });
    expect(await metric('stale')).toBe(1);
    expect(await eventJobs()).toBe(1);
  });

  it('still parses Teams activities on /api/messages next to the raw webhook route', async () => {
    const cards = await bot.say('help');
    expect(cards.length).toBeGreaterThan(0);
  });
});
