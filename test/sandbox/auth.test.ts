import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, startSandbox, type Sandbox } from '../../src/sandbox';
import { APP, get } from './helpers';

const contoso = DEMO_CUSTOMERS.find((c) => c.companyProfile.companyName === 'Contoso Ltd')!;
const userOnly = [
  '/v1/agreements?agreementType=MicrosoftCustomerAgreement',
  `/v1/customers/${contoso.id}/agreements?agreementType=MicrosoftCustomerAgreement`,
  `/v1/customers/${contoso.id}/directSignedMicrosoftCustomerAgreementStatus`,
  '/v1/agreementtemplates/117a77b0-9360-443b-8795-c6dedc750cf9/document?language=en-US&country=US',
];

describe('sandbox authentication', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('answers 401 with a Partner Center error body when the Authorization header is missing', async () => {
    const res = await get(sandbox, '/v1/customers?size=5', { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.body).toMatchObject({
      code: 900401,
      errorName: 'Unauthorized',
      isRetryable: false,
      source: 'PartnerFD',
    });
    expect(res.body.description).toContain('Authorization');
  });

  it('answers 401 for a bearer token it does not know', async () => {
    const res = await get(sandbox, '/v1/customers?size=5', { token: 'forged-token' });
    expect(res.status).toBe(401);
    expect(res.body.description).toContain('not valid');
  });

  it('accepts an app-only token for the customer list', async () => {
    const res = await get(sandbox, '/v1/customers?size=5', { token: APP });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
  });

  it.each(userOnly)('refuses an app-only token with 403 on the App+User endpoint %s', async (path) => {
    const res = await get(sandbox, path, { token: APP });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 900329, errorName: 'AppOnlyTokenNotAllowed', data: [] });
  });

  it('serves a customer by id to both token kinds, as documented (get-a-customer-by-id)', async () => {
    expect((await get(sandbox, `/v1/customers/${contoso.id}`, { token: APP })).status).toBe(200);
    expect((await get(sandbox, `/v1/customers/${contoso.id}`)).status).toBe(200);
  });

  it.each(userOnly)('serves %s to an App+User token', async (path) => {
    expect((await get(sandbox, path)).status).toBe(200);
  });

  it('echoes MS-RequestId and MS-CorrelationId and records them with the token kind', async () => {
    sandbox.world.resetStats();
    const headers = { 'MS-RequestId': 'req-1', 'MS-CorrelationId': 'corr-1' };
    const res = await get(sandbox, `/v1/customers/${contoso.id}`, { headers });
    expect(res.headers.get('ms-requestid')).toBe('req-1');
    expect(res.headers.get('ms-correlationid')).toBe('corr-1');
    const [entry] = sandbox.world.requestLog();
    expect(entry).toMatchObject({
      method: 'GET',
      path: `/v1/customers/${contoso.id}`,
      routeKey: 'GET /v1/customers/{id}',
      requestId: 'req-1',
      correlationId: 'corr-1',
      tokenKind: 'user',
      status: 200,
    });
  });

  it('rejects requests without request ids only when asked to be strict', async () => {
    const strict = await startSandbox({ requireRequestHeaders: true });
    try {
      const res = await fetch(`${strict.url}/v1/customers`, { headers: { Authorization: `Bearer ${APP}` } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ errorName: 'MissingHeader' });
    } finally {
      await strict.close();
    }
    const lenient = await fetch(`${sandbox.url}/v1/customers`, {
      headers: { Authorization: `Bearer ${APP}` },
    });
    expect(lenient.status).toBe(200);
    expect(lenient.headers.get('ms-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
