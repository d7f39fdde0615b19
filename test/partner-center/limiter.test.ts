import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { partnerCenterLimiter } from '../../src/jobs/partner-center-limiter';
import { startFakePc, type FakePc } from './fake-pc';
import { TENANT, rejectionOf, testClient } from './helpers';

const CUSTOMER_PATH = `/v1/customers/${TENANT}`;
const customer = {
  id: TENANT,
  companyProfile: { tenantId: TENANT, domain: 'contoso.example', companyName: 'Contoso' },
};

/** Records what the client asks of its limiter, in order, next to the requests the fake saw. */
function recordingLimiter(pc: FakePc) {
  const events: string[] = [];
  return {
    events,
    limiter: {
      acquire: async () => {
        events.push(`acquire (${pc.requests.length} sent)`);
      },
      pause: (ms: number) => {
        events.push(`pause ${ms}`);
      },
    },
  };
}

let pc: FakePc;
beforeEach(async () => {
  pc = await startFakePc();
});
afterEach(async () => {
  await pc.close();
});

describe('Partner Center calls under a shared limiter', () => {
  it('takes a permit before every attempt, retries included', async () => {
    pc.on('GET', CUSTOMER_PATH, { status: 503, body: {} }, { body: customer });
    const { events, limiter } = recordingLimiter(pc);
    const { client } = testClient(pc, { limiter });

    await client.getCustomer(TENANT);

    expect(events).toEqual(['acquire (0 sent)', 'acquire (1 sent)']);
  });

  it('pauses everyone for the Retry-After of a 429 instead of failing the call', async () => {
    pc.on(
      'GET',
      CUSTOMER_PATH,
      { status: 429, headers: { 'Retry-After': '7' }, body: { statusCode: 429 } },
      { body: customer },
    );
    const { events, limiter } = recordingLimiter(pc);
    const { client } = testClient(pc, { limiter });

    const result = await client.getCustomer(TENANT);

    expect(result.companyProfile.companyName).toBe('Contoso');
    expect(events).toEqual(['acquire (0 sent)', 'pause 7000', 'acquire (1 sent)']);
  });

  it('still pauses the others when the last attempt is throttled', async () => {
    pc.on('GET', CUSTOMER_PATH, { status: 429, headers: { 'Retry-After': '3' }, body: {} });
    const { events, limiter } = recordingLimiter(pc);
    const { client } = testClient(pc, { limiter, retry: { maxAttempts: 2 } });

    const err = await rejectionOf(client.getCustomer(TENANT));

    expect(err.code).toBe('PC_THROTTLED');
    expect(events.filter((e) => e.startsWith('pause'))).toEqual(['pause 3000', 'pause 3000']);
  });

  it('does not pause anyone for a 5xx', async () => {
    pc.on('GET', CUSTOMER_PATH, { status: 500, body: {} }, { body: customer });
    const { events, limiter } = recordingLimiter(pc);
    const { client } = testClient(pc, { limiter });

    await client.getCustomer(TENANT);

    expect(events.some((e) => e.startsWith('pause'))).toBe(false);
  });
});

describe('partnerCenterLimiter', () => {
  it('keeps any 60-second span within the limit: one second of burst (less the reserve for people), the rest spread out', async () => {
    let now = 0;
    const clock = { now: () => new Date(now) };
    const limiter = partnerCenterLimiter(120, clock, async (ms) => {
      now += ms;
    });
    const grantedAt: number[] = [];
    for (let i = 0; i < 400; i++) {
      await limiter.acquire();
      grantedAt.push(now);
    }
    // Background calls (the default) leave one of the two burst permits for people.
    expect(grantedAt.filter((t) => t === 0)).toHaveLength(1);
    let most = 0;
    for (let i = 0; i < grantedAt.length; i++) {
      const start = grantedAt[i]!;
      most = Math.max(most, grantedAt.filter((t) => t >= start && t < start + 60_000).length);
    }
    expect(most).toBeLessThanOrEqual(120);
    expect(most).toBeGreaterThanOrEqual(115);
  });
});
