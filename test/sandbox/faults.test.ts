import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, startSandbox, type Fault, type Sandbox } from '../../src/sandbox';
import { get, manualClock } from './helpers';

const [first, second] = DEMO_CUSTOMERS;
const customerPath = (id: string) => `/v1/customers/${id}`;

describe('sandbox rate limits', () => {
  it('throttles the partner with 429 and a Retry-After that ends with the minute window', async () => {
    const clock = manualClock('2026-03-02T10:00:15Z');
    const sandbox = await startSandbox({ clock, rateLimitPerMinute: 3 });
    try {
      for (let i = 0; i < 3; i++) expect((await get(sandbox, '/v1/customers?size=1')).status).toBe(200);
      const limited = await get(sandbox, '/v1/agreements?agreementType=MicrosoftCustomerAgreement');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('45');
      expect(limited.body).toEqual({
        statusCode: 429,
        message: 'Rate limit is exceeded. Try again in 45 seconds.',
      });
      clock.advance(45_000);
      expect((await get(sandbox, '/v1/customers?size=1')).status).toBe(200);
      const stats = sandbox.world.stats();
      expect(stats.throttled).toBe(1);
      expect(stats.maxPerMinute).toBe(4);
      expect(stats.perMinute).toEqual([
        { windowStart: '2026-03-02T10:00:00.000Z', requests: 4 },
        { windowStart: '2026-03-02T10:01:00.000Z', requests: 1 },
      ]);
    } finally {
      await sandbox.close();
    }
  });

  it('throttles each customer separately on customer routes only', async () => {
    const sandbox = await startSandbox({ clock: manualClock(), customerRateLimitPerMinute: 2 });
    try {
      expect((await get(sandbox, customerPath(first!.id))).status).toBe(200);
      expect(
        (await get(sandbox, `${customerPath(first!.id)}/directSignedMicrosoftCustomerAgreementStatus`))
          .status,
      ).toBe(200);
      expect((await get(sandbox, customerPath(first!.id.toUpperCase()))).status).toBe(429);
      expect((await get(sandbox, customerPath(second!.id))).status).toBe(200);
      expect((await get(sandbox, '/v1/customers')).status).toBe(200);
      expect(sandbox.world.stats().maxPerCustomerPerMinute).toBe(3);
    } finally {
      await sandbox.close();
    }
  });

  it('applies the documented 500 requests per minute per customer by default', async () => {
    const sandbox = await startSandbox({ clock: manualClock() });
    try {
      expect(sandbox.world.customerRateLimitPerMinute).toBe(500);
      expect(sandbox.world.rateLimitPerMinute).toBe(0);
    } finally {
      await sandbox.close();
    }
  });
});

describe('sandbox fault injection', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.close());

  it('answers injected 429s with the given Retry-After, then recovers', async () => {
    sandbox.world.injectFault({ match: 'directSigned', status: 429, times: 2, retryAfterSeconds: 7 });
    const path = `${customerPath(first!.id)}/directSignedMicrosoftCustomerAgreementStatus`;
    expect((await get(sandbox, customerPath(first!.id))).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await get(sandbox, path);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.body.message).toBe('Rate limit is exceeded. Try again in 7 seconds.');
    }
    expect((await get(sandbox, path)).status).toBe(200);
    expect(sandbox.world.stats()).toMatchObject({ throttled: 2, faultsApplied: 2 });
    expect(sandbox.world.pendingFaults()).toEqual([]);
  });

  it.each([500, 502, 503, 504] as const)(
    'injects a retryable %i with a Partner Center error body',
    async (status) => {
      sandbox.world.injectFault({ status, times: 1 });
      const res = await get(sandbox, '/v1/customers');
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ isRetryable: true, source: 'PartnerFD' });
      expect((await get(sandbox, '/v1/customers')).status).toBe(200);
    },
  );

  it('uses faults first in, first out, matching route keys exactly', async () => {
    sandbox.world.injectFault({ match: 'GET /v1/customers/{id}', status: 503, times: 1 });
    sandbox.world.injectFault({
      status: 500,
      times: 1,
      body: { code: 'Custom', description: 'custom body' },
    });
    const list = await get(sandbox, '/v1/customers');
    expect(list.status).toBe(500);
    expect(list.body).toEqual({ code: 'Custom', description: 'custom body' });
    expect((await get(sandbox, customerPath(first!.id))).status).toBe(503);
    expect((await get(sandbox, customerPath(first!.id))).status).toBe(200);
  });

  it('lets a test see that a client reuses MS-RequestId when it retries', async () => {
    sandbox.world.injectFault({ status: 503, times: 1 });
    const headers = { 'MS-RequestId': 'same-id' };
    await get(sandbox, '/v1/customers', { headers });
    await get(sandbox, '/v1/customers', { headers });
    const log = sandbox.world.requestLog();
    expect(log.map((e) => [e.requestId, e.status])).toEqual([
      ['same-id', 503],
      ['same-id', 200],
    ]);
    expect(log[0]!.correlationId).not.toBe(log[1]!.correlationId);
  });

  it('resets the connection for a reset fault', async () => {
    sandbox.world.injectFault({ status: 'reset', times: 1 });
    await expect(get(sandbox, '/v1/customers')).rejects.toThrow();
    expect(sandbox.world.requestLog()[0]!.status).toBe('reset');
    expect((await get(sandbox, '/v1/customers')).status).toBe(200);
  });

  it('never answers a hang fault, and still closes promptly', async () => {
    const hung = await startSandbox();
    hung.world.injectFault({ status: 'hang', times: 1 });
    const pending = fetch(`${hung.url}/v1/customers`, {
      headers: { Authorization: 'Bearer sandbox-app-token' },
    });
    const outcome = await Promise.race([
      pending.then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300)),
    ]);
    expect(outcome).toBe('still waiting');
    const started = Date.now();
    await hung.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(pending).rejects.toThrow();
  });

  it('adds the configured latency before answering', async () => {
    sandbox.world.setLatency(150);
    const started = Date.now();
    expect((await get(sandbox, '/v1/customers')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('refuses a malformed fault instead of silently never firing it', () => {
    expect(() => sandbox.world.injectFault({ status: 418, times: 1 } as unknown as Fault)).toThrow(/status/);
    expect(() => sandbox.world.injectFault({ status: 500, times: 0 })).toThrow(/times/);
  });
});
