import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors';
import { startFakePc, type FakePc } from './fake-pc';
import { GUID, TENANT, USER_TOKEN, APP_TOKEN, rejectionOf, testClient } from './helpers';

const CUSTOMER_PATH = `/v1/customers/${TENANT}`;
const DIRECT_SIGN_PATH = `${CUSTOMER_PATH}/directSignedMicrosoftCustomerAgreementStatus`;
const customer = {
  id: TENANT,
  companyProfile: { tenantId: TENANT, domain: 'contoso.example', companyName: 'Contoso' },
};

let pc: FakePc;
beforeEach(async () => {
  pc = await startFakePc();
});
afterEach(async () => {
  await pc.close();
});

describe('Partner Center HTTP behaviour', () => {
  it('sends the documented headers on a call', async () => {
    pc.on('GET', CUSTOMER_PATH, { body: customer });
    const { client } = testClient(pc, { locale: 'de-DE' });

    await client.getCustomer(TENANT);

    const [req] = pc.requests;
    // Get a customer by id is documented for app-only (src/partner-center/endpoints.ts).
    expect(req?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(req?.headers.accept).toBe('application/json');
    expect(req?.headers['ms-requestid']).toMatch(GUID);
    expect(req?.headers['ms-correlationid']).toMatch(GUID);
    expect(req?.headers['ms-requestid']).not.toBe(req?.headers['ms-correlationid']);
    expect(req?.headers['x-locale']).toBe('de-DE');
    expect(req?.headers['ms-partnercenter-application']).toBe('MCA Assist');
  });

  it('uses a new MS-RequestId for each logical call', async () => {
    pc.on('GET', CUSTOMER_PATH, { body: customer });
    const { client } = testClient(pc);

    await client.getCustomer(TENANT);
    await client.getCustomer(TENANT);

    expect(pc.requests[0]?.headers['ms-requestid']).not.toBe(pc.requests[1]?.headers['ms-requestid']);
  });

  it('waits what Retry-After says after a 429 and reuses the same MS-RequestId', async () => {
    pc.on(
      'GET',
      CUSTOMER_PATH,
      {
        status: 429,
        headers: { 'Retry-After': '7' },
        body: { statusCode: 429, message: 'Rate limit is exceeded.' },
      },
      { body: customer },
    );
    const { client, sleeps, logs } = testClient(pc);

    const result = await client.getCustomer(TENANT);

    expect(result.companyProfile.companyName).toBe('Contoso');
    expect(sleeps).toEqual([7000]);
    expect(pc.requests).toHaveLength(2);
    expect(pc.requests[1]?.headers['ms-requestid']).toBe(pc.requests[0]?.headers['ms-requestid']);
    expect(pc.requests[1]?.headers['ms-correlationid']).toBe(pc.requests[0]?.headers['ms-correlationid']);
    const warning = logs.find((l) => l.level === 40);
    expect(warning).toMatchObject({
      method: 'GET',
      path: '/v1/customers/{tenantId}',
      tenantId: TENANT,
      status: 429,
      attempt: 1,
      delayMs: 7000,
      delaySource: 'retry-after',
    });
  });

  it('caps a long Retry-After at maxRetryAfterMs', async () => {
    pc.on('GET', CUSTOMER_PATH, { status: 429, headers: { 'Retry-After': '3600' } }, { body: customer });
    const { client, sleeps } = testClient(pc, { retry: { maxRetryAfterMs: 60_000 } });

    await client.getCustomer(TENANT);

    expect(sleeps).toEqual([60_000]);
  });

  it('backs off with jitter when a 429 has no Retry-After', async () => {
    pc.on('GET', CUSTOMER_PATH, { status: 429 }, { status: 429 }, { body: customer });
    const { client, sleeps } = testClient(pc, { random: () => 0.5, retry: { baseDelayMs: 1000 } });

    await client.getCustomer(TENANT);

    // full jitter: random × base × 2^(attempt-1)
    expect(sleeps).toEqual([500, 1000]);
  });

  it('reports PC_THROTTLED, retryable, when Partner Center keeps throttling', async () => {
    pc.on('GET', CUSTOMER_PATH, { status: 429, headers: { 'Retry-After': '1' } });
    const { client } = testClient(pc, { retry: { maxAttempts: 3 } });

    const err = await rejectionOf(client.getCustomer(TENANT));

    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('PC_THROTTLED');
    expect(err.retryable).toBe(true);
    expect(err.details).toMatchObject({ status: 429, attempts: 3 });
    expect(pc.requests).toHaveLength(3);
  });

  it('retries a 503 and returns the later answer', async () => {
    pc.on('GET', CUSTOMER_PATH, { status: 503, body: 'Service Unavailable' }, { body: customer });
    const { client, sleeps } = testClient(pc);

    const result = await client.getCustomer(TENANT);

    expect(result.id).toBe(TENANT);
    expect(sleeps).toHaveLength(1);
    expect(pc.requests).toHaveLength(2);
  });

  it('gives up on a permanent 500 with PC_UNAVAILABLE after exactly maxAttempts requests', async () => {
    pc.on('GET', CUSTOMER_PATH, { status: 500, body: { code: 'Internal', description: 'boom' } });
    const { client, sleeps, metrics } = testClient(pc, { retry: { maxAttempts: 3 } });

    const err = await rejectionOf(client.getCustomer(TENANT));

    expect(err.code).toBe('PC_UNAVAILABLE');
    expect(err.retryable).toBe(true);
    expect(err.details).toMatchObject({
      status: 500,
      attempts: 3,
      requestId: pc.requests[0]?.headers['ms-requestid'],
    });
    expect(pc.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(metrics.map((m) => [m.attempt, m.status, m.path])).toEqual([
      [1, 500, '/v1/customers/{tenantId}'],
      [2, 500, '/v1/customers/{tenantId}'],
      [3, 500, '/v1/customers/{tenantId}'],
    ]);
  });

  it('does not retry a 401 and says which settings to check', async () => {
    pc.on('GET', CUSTOMER_PATH, { status: 401, body: '' });
    const { client, sleeps } = testClient(pc);

    const err = await rejectionOf(client.getCustomer(TENANT));

    expect(err.code).toBe('PC_UNAUTHORIZED');
    expect(err.message).toContain('PARTNER_CENTER_CLIENT_ID');
    expect(err.message).toContain('PARTNER_CENTER_CLIENT_SECRET');
    expect(err.message).toContain('App management');
    expect(pc.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('maps a 403 with code 20002 to PC_NO_RELATIONSHIP', async () => {
    const body = {
      code: '20002',
      description: 'The partner id x has no commerce relationship with the customer id y',
    };
    pc.on('GET', CUSTOMER_PATH, { status: 403, body });
    const { client } = testClient(pc);

    const err = await rejectionOf(client.getCustomer(TENANT));

    expect(err.code).toBe('PC_NO_RELATIONSHIP');
    expect(err.details).toMatchObject({ status: 403, pcCode: '20002' });
    expect(err.message).toContain('reseller relationship');
    expect(pc.requests).toHaveLength(1);
  });

  it('maps a bare 403 on the direct-sign read to PC_NO_RELATIONSHIP', async () => {
    pc.on('GET', DIRECT_SIGN_PATH, { status: 403 });
    const { client } = testClient(pc);

    const err = await rejectionOf(client.getDirectSignStatus(TENANT));

    expect(err.code).toBe('PC_NO_RELATIONSHIP');
  });

  it('maps a bare 403 elsewhere to PC_FORBIDDEN naming the roles', async () => {
    pc.on('GET', CUSTOMER_PATH, { status: 403, body: { code: 'x', description: 'denied' } });
    const { client } = testClient(pc);

    const err = await rejectionOf(client.getCustomer(TENANT));

    expect(err.code).toBe('PC_FORBIDDEN');
    expect(err.message).toContain('Admin agent');
    expect(err.message).toContain('Sales agent');
  });

  it('maps a 404 to PC_NOT_FOUND without retrying', async () => {
    pc.on('GET', CUSTOMER_PATH, { status: 404, body: { code: 600008, description: 'not found' } });
    const { client } = testClient(pc);

    const err = await rejectionOf(client.getCustomer(TENANT));

    expect(err.code).toBe('PC_NOT_FOUND');
    expect(err.details.pcCode).toBe('600008');
    expect(pc.requests).toHaveLength(1);
  });

  it('maps a non-JSON 400 body by its status', async () => {
    pc.on('GET', CUSTOMER_PATH, { status: 400, body: '<html><body>Bad Request</body></html>' });
    const { client } = testClient(pc);

    const err = await rejectionOf(client.getCustomer(TENANT));

    expect(err.code).toBe('PC_BAD_REQUEST');
    expect(err.details).toMatchObject({ status: 400, pcCode: undefined });
  });

  it('retries a call that times out and then reports PC_UNAVAILABLE', async () => {
    pc.on('GET', CUSTOMER_PATH, { hang: true });
    const { client, metrics } = testClient(pc, { timeoutMs: 150, retry: { maxAttempts: 2 } });

    const err = await rejectionOf(client.getCustomer(TENANT));

    expect(err.code).toBe('PC_UNAVAILABLE');
    expect(err.retryable).toBe(true);
    expect(err.details).toMatchObject({ reason: 'timeout', attempts: 2 });
    expect(pc.requests).toHaveLength(2);
    expect(pc.requests[1]?.headers['ms-requestid']).toBe(pc.requests[0]?.headers['ms-requestid']);
    expect(metrics.map((m) => m.status)).toEqual([0, 0]);
  });

  it('retries after the connection is reset', async () => {
    pc.on('GET', CUSTOMER_PATH, { reset: true }, { body: customer });
    const { client, logs } = testClient(pc);

    const result = await client.getCustomer(TENANT);

    expect(result.id).toBe(TENANT);
    expect(pc.requests).toHaveLength(2);
    expect(logs.find((l) => l.level === 40)).toMatchObject({ reason: 'network', status: 0, attempt: 1 });
  });

  it('stops without retrying when the caller aborts', async () => {
    pc.on('GET', CUSTOMER_PATH, { hang: true });
    const { client } = testClient(pc);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);

    const err = await rejectionOf(client.getCustomer(TENANT, controller.signal));

    expect(err.message).toBe('user cancelled');
    expect(pc.requests).toHaveLength(1);
  });

  it('does not call Partner Center when no token can be obtained', async () => {
    const { client } = testClient(pc, {
      getToken: async () => {
        throw new Error('MSAL exploded');
      },
    });

    const err = await rejectionOf(client.getCustomer(TENANT));

    expect(err.code).toBe('AUTH_TOKEN_FAILED');
    expect(err.details).toMatchObject({ tokenKind: 'app' });
    expect(pc.requests).toHaveLength(0);
  });

  it('never writes tokens or response bodies to the log', async () => {
    const body = { statusCode: 429, message: 'Rate limit', contact: 'tania@example.com' };
    pc.on('GET', CUSTOMER_PATH, { status: 429, headers: { 'Retry-After': '1' }, body }, { body: customer });
    pc.on('GET', '/v1/customers', { status: 503 }, { body: { totalCount: 0, items: [] } });
    const { client, rawLog } = testClient(pc);

    await client.getCustomer(TENANT);
    await client.searchCustomers('CompanyName', 'Con');

    expect(rawLog).toHaveLength(2);
    const text = rawLog.join('\n');
    expect(text).not.toContain(USER_TOKEN);
    expect(text).not.toContain(APP_TOKEN);
    expect(text).not.toContain('tania@example.com');
    expect(text).not.toContain('Contoso');
  });
});
