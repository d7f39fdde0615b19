import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, SANDBOX_MCA_TEMPLATE_ID, startSandbox, type Sandbox } from '../../src/sandbox';
import { APP, USER, get, manualClock, post } from './helpers';

const notAccepted = DEMO_CUSTOMERS.find((c) => c.scenario === 'not-accepted')!;
const attested = DEMO_CUSTOMERS.find((c) => c.scenario === 'attested')!;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const body = {
  country: 'DE',
  language: 'de-DE',
  companyName: 'Contoso Pharma GmbH',
  signatoryFirstName: 'Lena',
  signatoryLastName: 'Vogel',
  signatoryEmail: 'lena.vogel@example.com',
  customerTenantId: notAccepted.id,
};

/** A /v1 POST with the sandbox token of the given kind. */
async function postApi(sandbox: Sandbox, path: string, json: unknown, token = APP, requestId = randomUUID()) {
  const res = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'MS-RequestId': requestId,
      'MS-CorrelationId': randomUUID(),
    },
    body: JSON.stringify(json),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('sandbox enhanced attestation API', () => {
  const clock = manualClock('2026-03-02T10:00:00Z');
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ clock });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.world.reset());

  it('creates a pending attestation with a 7-day link on this sandbox', async () => {
    const res = await postApi(sandbox, '/v1/attestations/enhanced', body);
    expect(res.status).toBe(201);
    expect(res.body.attestationId).toMatch(GUID);
    expect(res.body).toMatchObject({
      status: 'pending',
      acceptanceUrl: `${sandbox.url}/mca/?attestationid=${res.body.attestationId}`,
      createdAt: '2026-03-02T10:00:00.000Z',
      expiresAt: '2026-03-09T10:00:00.000Z',
      customerTenantId: notAccepted.id,
    });
    const read = await get(sandbox, `/v1/attestations/enhanced/${res.body.attestationId}`, { token: APP });
    expect(read.body).toEqual(res.body);
  });

  it('accepts a body without customerTenantId (the documented rows have none)', async () => {
    const { customerTenantId: _omit, ...documented } = body;
    const res = await postApi(sandbox, '/v1/attestations/enhanced', documented);
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('customerTenantId');
  });

  it('is App-only: an App+User token gets 403', async () => {
    const created = await postApi(sandbox, '/v1/attestations/enhanced', body, USER);
    expect(created.status).toBe(403);
    expect(created.body.description).toContain('App-only');
    expect((await get(sandbox, `/v1/attestations/enhanced/${randomUUID()}`)).status).toBe(403);
  });

  it('lists every invalid field in one 400', async () => {
    const res = await postApi(sandbox, '/v1/attestations/enhanced', {
      ...body,
      country: 'Germany',
      signatoryEmail: 'lena',
      companyName: '',
    });
    expect(res.status).toBe(400);
    expect(res.body.parameters.fields).toEqual(['companyName', 'country', 'signatoryEmail']);
    expect(res.body.description).toContain('country must be an ISO 3166-1 alpha-2 code');
  });

  it('answers 404 for an unknown customer or attestation', async () => {
    const res = await postApi(sandbox, '/v1/attestations/enhanced', {
      ...body,
      customerTenantId: randomUUID(),
    });
    expect(res.status).toBe(404);
    expect((await get(sandbox, `/v1/attestations/enhanced/${randomUUID()}`, { token: APP })).status).toBe(
      404,
    );
  });

  it('refuses the same signatory again with 600061 once they attested', async () => {
    const contact = attested.agreements[0]!.primaryContact;
    const res = await postApi(sandbox, '/v1/attestations/enhanced', {
      ...body,
      customerTenantId: attested.id,
      signatoryFirstName: contact.firstName.toUpperCase(),
      signatoryLastName: contact.lastName,
      signatoryEmail: contact.email,
    });
    expect(res.body).toMatchObject({
      code: 600061,
      errorName: 'PartnerConfirmedAgreementAlreadyExists',
      isRetryable: false,
    });
  });

  it('finalizes only an accepted attestation, records the agreement, and refuses a second finalize', async () => {
    const { body: created } = await postApi(sandbox, '/v1/attestations/enhanced', body);
    const finalize = { attestationId: created.attestationId, type: 'MicrosoftCustomerAgreement' };
    const path = `/v1/customers/${notAccepted.id}/agreements`;

    const early = await postApi(sandbox, path, finalize);
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ code: 600070, errorName: 'AttestationNotAccepted' });

    clock.advance(60_000);
    sandbox.world.acceptAttestation(created.attestationId);
    const done = await postApi(sandbox, path, finalize);
    expect(done.status).toBe(201);
    expect(done.body).toEqual({
      primaryContact: { firstName: 'Lena', lastName: 'Vogel', email: 'lena.vogel@example.com' },
      templateId: SANDBOX_MCA_TEMPLATE_ID,
      dateAgreed: '2026-03-02T10:01:00',
      type: 'MicrosoftCustomerAgreement',
      agreementLink: 'https://aka.ms/customeragreement',
    });
    expect(sandbox.world.getCustomer(notAccepted.id)?.scenario).toBe('attested');
    expect(sandbox.world.attestations()[0]?.status).toBe('finalized');

    const again = await postApi(sandbox, path, finalize);
    expect(again.body.code).toBe(600061);
  });

  it('answers a retried finalize with the same MS-RequestId like the first', async () => {
    const { body: created } = await postApi(sandbox, '/v1/attestations/enhanced', body);
    sandbox.world.acceptAttestation(created.attestationId);
    const path = `/v1/customers/${notAccepted.id}/agreements`;
    const requestId = randomUUID();
    const first = await postApi(sandbox, path, { attestationId: created.attestationId }, APP, requestId);
    const retry = await postApi(sandbox, path, { attestationId: created.attestationId }, APP, requestId);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body).toEqual(first.body);
    expect(sandbox.world.getCustomer(notAccepted.id)?.agreements).toHaveLength(2);
  });

  it('refuses to finalize an expired attestation, or one for another customer, or with a user token', async () => {
    const { body: created } = await postApi(sandbox, '/v1/attestations/enhanced', body);
    const finalize = { attestationId: created.attestationId };
    expect(
      (await postApi(sandbox, `/v1/customers/${notAccepted.id}/agreements`, finalize, USER)).status,
    ).toBe(403);
    sandbox.world.acceptAttestation(created.attestationId);
    const other = await postApi(sandbox, `/v1/customers/${attested.id}/agreements`, finalize);
    expect(other.body.errorName).toBe('AttestationCustomerMismatch');

    const { body: second } = await postApi(sandbox, '/v1/attestations/enhanced', {
      ...body,
      signatoryEmail: 'x@example.com',
    });
    clock.advance(7 * 24 * 60 * 60_000);
    expect(sandbox.world.attestations().find((a) => a.attestationId === second.attestationId)?.status).toBe(
      'expired',
    );
    const expired = await postApi(sandbox, `/v1/customers/${notAccepted.id}/agreements`, {
      attestationId: second.attestationId,
    });
    expect(expired.body).toMatchObject({ code: 600071, errorName: 'AttestationExpired' });
  });

  it('explains that the legacy attestation body was retired on 5 January 2026', async () => {
    const legacy = {
      primaryContact: { firstName: 'Tania', lastName: 'Carr', email: 'someone@example.com' },
      templateId: SANDBOX_MCA_TEMPLATE_ID,
      dateAgreed: '2025-06-14T00:00:00.000Z',
      type: 'MicrosoftCustomerAgreement',
    };
    const res = await postApi(sandbox, `/v1/customers/${notAccepted.id}/agreements`, legacy, USER);
    expect(res.status).toBe(400);
    expect(res.body.errorName).toBe('LegacyAttestationRetired');
    expect(res.body.description).toContain('5 January 2026');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await fetch(`${sandbox.url}/v1/attestations/enhanced`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${APP}`, 'Content-Type': 'application/json' },
      body: '{nope',
    });
    expect(res.status).toBe(400);
  });

  it('accepts through the control API when enabled', async () => {
    const controlled = await startSandbox({ control: true });
    try {
      const { body: created } = await postApi(controlled, '/v1/attestations/enhanced', body);
      const res = await post(controlled, `/_control/attestations/${created.attestationId}/accept`, {});
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('accepted');
      expect((await post(controlled, `/_control/attestations/${randomUUID()}/accept`, {})).status).toBe(404);
    } finally {
      await controlled.close();
    }
  });
});
