import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, startSandbox, type Sandbox } from '../../src/sandbox';
import { get, post } from './helpers';

const notAccepted = DEMO_CUSTOMERS.find((c) => c.scenario === 'not-accepted')!;

describe('sandbox control API', () => {
  it('is not reachable unless enabled', async () => {
    const sandbox = await startSandbox();
    try {
      expect((await post(sandbox, '/_control/faults', { status: 500, times: 1 })).status).toBe(404);
      expect((await get(sandbox, '/_control/stats')).status).toBe(404);
      expect(sandbox.world.pendingFaults()).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  describe('when enabled', () => {
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ control: true });
    });
    afterAll(() => sandbox.close());

    it('queues a fault posted as JSON and rejects an invalid one', async () => {
      const created = await post(sandbox, '/_control/faults', {
        status: 503,
        times: 1,
        match: '/v1/agreements',
      });
      expect(created.status).toBe(201);
      expect(created.body.pending).toEqual([{ status: 503, times: 1, match: '/v1/agreements' }]);
      expect((await get(sandbox, '/v1/agreements')).status).toBe(503);
      expect((await post(sandbox, '/_control/faults', { status: 'boom', times: 1 })).status).toBe(400);
    });

    it('sets latency and rate limits', async () => {
      expect((await post(sandbox, '/_control/latency', { ms: 5 })).body).toEqual({ latencyMs: 5 });
      const limits = await post(sandbox, '/_control/rate-limit', { perMinute: 1000, customerPerMinute: 50 });
      expect(limits.body).toEqual({ rateLimitPerMinute: 1000, customerRateLimitPerMinute: 50 });
      expect((await post(sandbox, '/_control/latency', { ms: -1 })).status).toBe(400);
    });

    it('flips a customer’s direct acceptance', async () => {
      const res = await post(sandbox, `/_control/customers/${notAccepted.id}/direct-sign`, {
        isSigned: true,
      });
      expect(res.body).toEqual({ id: notAccepted.id, isSigned: true, scenario: 'direct' });
      const status = await get(
        sandbox,
        `/v1/customers/${notAccepted.id}/directSignedMicrosoftCustomerAgreementStatus`,
      );
      expect(status.body.isSigned).toBe(true);
      const unknown = await post(
        sandbox,
        '/_control/customers/00000000-0000-4000-8000-000000000009/direct-sign',
        {
          isSigned: true,
        },
      );
      expect(unknown.status).toBe(404);
    });

    it('reports stats with the request log, then resets everything', async () => {
      const stats = await get(sandbox, '/_control/stats', { token: null });
      expect(stats.status).toBe(200);
      expect(stats.body.totalRequests).toBeGreaterThan(0);
      expect(stats.body.requests[0]).toHaveProperty('requestId');
      expect((await post(sandbox, '/_control/reset', {})).body).toEqual({ reset: true });
      expect(sandbox.world.stats().totalRequests).toBe(0);
      expect(sandbox.world.latencyMs).toBe(0);
      expect(sandbox.world.getCustomer(notAccepted.id)!.directlySigned).toBe(false);
    });

    it('answers 400 for a body that is not JSON', async () => {
      const res = await fetch(`${sandbox.url}/_control/latency`, { method: 'POST', body: '{nope' });
      expect(res.status).toBe(400);
    });
  });
});
