import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger';
import {
  DEFAULT_ACCEPTANCE_LINK_BASE,
  acceptanceLink,
  normaliseAttestationStatus,
} from '../../src/partner-center';
import { readAttestation } from '../../src/partner-center/enhanced-attestation';
import { startFakePc, type FakePc } from './fake-pc';
import { APP_TOKEN, GUID, TENANT, rejectionOf, testClient } from './helpers';

const ATTESTATION = 'a7b0c1d2-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const input = {
  customerTenantId: TENANT,
  country: 'de',
  language: 'de-DE',
  companyName: 'Contoso Pharma GmbH',
  signatoryFirstName: 'Jonas',
  signatoryLastName: 'Schmidt',
  signatoryEmail: 'jonas.schmidt@example.com',
  signatoryPhone: '+49 30 5550 0102',
};
const created = { attestationId: ATTESTATION, status: 'LinkGenerated', createdAt: '2026-03-02T10:00:00Z' };

let pc: FakePc;
beforeEach(async () => {
  pc = await startFakePc();
});
afterEach(async () => {
  await pc.close();
});

describe('createEnhancedAttestation', () => {
  it('posts the documented fields plus the assumed ones as JSON with the app-only token', async () => {
    pc.on('POST', '/v1/attestations/enhanced', { status: 201, body: created });
    const { client } = testClient(pc);

    const attestation = await client.createEnhancedAttestation(input);

    const [req] = pc.requests;
    expect(req?.method).toBe('POST');
    expect(req?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['ms-requestid']).toMatch(GUID);
    expect(JSON.parse(req?.body ?? '')).toEqual({
      country: 'DE',
      language: 'de-DE',
      companyName: 'Contoso Pharma GmbH',
      signatoryFirstName: 'Jonas',
      signatoryLastName: 'Schmidt',
      signatoryEmail: 'jonas.schmidt@example.com',
      signatoryPhone: '+49 30 5550 0102',
      customerTenantId: TENANT,
    });
    expect(attestation).toEqual({
      attestationId: ATTESTATION,
      status: 'pending',
      acceptanceUrl: `https://cdn.partner.microsoft.com/mca/?attestationid=${ATTESTATION}`,
      createdAt: '2026-03-02T10:00:00Z',
      customerTenantId: TENANT,
    });
  });

  it('builds the link from acceptanceLinkBase, escaping the id', async () => {
    pc.on('POST', '/v1/attestations/enhanced', { status: 201, body: { attestationId: 'a b&c' } });
    const { client } = testClient(pc, { acceptanceLinkBase: 'http://127.0.0.1:9/mca/' });

    const attestation = await client.createEnhancedAttestation(input);

    expect(attestation.acceptanceUrl).toBe('http://127.0.0.1:9/mca/?attestationid=a%20b%26c');
  });

  it('prefers a ready link from the answer', async () => {
    pc.on('POST', '/v1/attestations/enhanced', {
      status: 201,
      body: { id: ATTESTATION, url: 'https://example.microsoft.com/accept?x=1' },
    });
    const { client } = testClient(pc);

    const attestation = await client.createEnhancedAttestation(input);

    expect(attestation.attestationId).toBe(ATTESTATION);
    expect(attestation.acceptanceUrl).toBe('https://example.microsoft.com/accept?x=1');
  });

  it('omits an empty phone number', async () => {
    pc.on('POST', '/v1/attestations/enhanced', { status: 201, body: created });
    const { client } = testClient(pc);

    await client.createEnhancedAttestation({ ...input, signatoryPhone: ' ' });

    expect(JSON.parse(pc.requests[0]?.body ?? '')).not.toHaveProperty('signatoryPhone');
  });

  it('retries a 503 with the same MS-RequestId and body, and uses the id the caller passes', async () => {
    pc.on('POST', '/v1/attestations/enhanced', { status: 503, body: {} }, { status: 201, body: created });
    const { client, sleeps } = testClient(pc);
    const requestId = randomUUID();

    await client.createEnhancedAttestation(input, { requestId });

    expect(sleeps).toHaveLength(1);
    expect(pc.requests.map((r) => r.headers['ms-requestid'])).toEqual([requestId, requestId]);
    expect(pc.requests[1]?.body).toBe(pc.requests[0]?.body);
  });

  it('never logs the signatory on a retry', async () => {
    pc.on(
      'POST',
      '/v1/attestations/enhanced',
      { status: 429, headers: { 'Retry-After': '1' } },
      { body: created },
    );
    const { client, rawLog } = testClient(pc);

    await client.createEnhancedAttestation(input);

    expect(rawLog.length).toBeGreaterThan(0);
    const all = rawLog.join('\n');
    for (const secret of ['Jonas', 'Schmidt', 'jonas.schmidt', '5550', 'Contoso'])
      expect(all).not.toContain(secret);
  });

  it('maps 600061 to PC_DUPLICATE_ATTESTATION', async () => {
    pc.on('POST', '/v1/attestations/enhanced', {
      status: 409,
      body: {
        code: 600061,
        description: 'A partner confirmed agreement already exists for the customer.',
        errorName: 'PartnerConfirmedAgreementAlreadyExists',
        isRetryable: false,
      },
    });
    const { client } = testClient(pc);

    const err = await rejectionOf(client.createEnhancedAttestation(input));

    expect(err.code).toBe('PC_DUPLICATE_ATTESTATION');
    expect(err.retryable).toBe(false);
  });

  it.each([
    ['a tenant id that is not a GUID', { customerTenantId: 'contoso' }],
    ['a three-letter country', { country: 'DEU' }],
    ['an empty company name', { companyName: '  ' }],
    ['an e-mail without a domain', { signatoryEmail: 'jonas@' }],
    ['a phone number with letters', { signatoryPhone: 'call me' }],
  ])('refuses %s before calling Partner Center', async (_what, change) => {
    const { client } = testClient(pc);

    const err = await rejectionOf(client.createEnhancedAttestation({ ...input, ...change }));

    expect(err.code).toBe('INPUT_INVALID');
    expect(err.message).not.toContain('jonas');
    expect(pc.requests).toHaveLength(0);
  });

  it('refuses a requestId that is not a GUID', async () => {
    const { client } = testClient(pc);
    const err = await rejectionOf(client.createEnhancedAttestation(input, { requestId: 'job-7' }));
    expect(err.code).toBe('INTERNAL');
    expect(pc.requests).toHaveLength(0);
  });
});

describe('getEnhancedAttestation', () => {
  it('reads the status with the app-only token and normalises it', async () => {
    pc.on('GET', `/v1/attestations/enhanced/${ATTESTATION}`, {
      body: { status: 'customerAccepted', acceptedAt: '2026-03-03T08:00:00Z' },
    });
    const { client } = testClient(pc);

    const attestation = await client.getEnhancedAttestation(ATTESTATION);

    expect(pc.requests[0]?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(attestation).toMatchObject({
      attestationId: ATTESTATION,
      status: 'accepted',
      acceptedAt: '2026-03-03T08:00:00Z',
    });
  });

  it('reads a pending link past its expiry as expired', async () => {
    pc.on('GET', `/v1/attestations/enhanced/${ATTESTATION}`, {
      body: { attestationId: ATTESTATION, status: 'pending', expiresAt: '2020-01-01T00:00:00Z' },
    });
    const { client } = testClient(pc);

    expect((await client.getEnhancedAttestation(ATTESTATION)).status).toBe('expired');
  });

  it('maps 404 to PC_NOT_FOUND', async () => {
    pc.on('GET', `/v1/attestations/enhanced/${ATTESTATION}`, { status: 404, body: { code: 'NotFound' } });
    const { client } = testClient(pc);
    expect((await rejectionOf(client.getEnhancedAttestation(ATTESTATION))).code).toBe('PC_NOT_FOUND');
  });
});

describe('finalizeAgreement', () => {
  const agreement = {
    primaryContact: { firstName: 'Jonas', lastName: 'Schmidt', email: 'jonas.schmidt@example.com' },
    templateId: '117a77b0-9360-443b-8795-c6dedc750cf9',
    dateAgreed: '2026-03-03T08:00:00',
    type: 'MicrosoftCustomerAgreement',
  };

  it('posts the attestation id to Create agreement with the app-only token', async () => {
    pc.on('POST', `/v1/customers/${TENANT}/agreements`, { status: 201, body: agreement });
    const { client } = testClient(pc);
    const requestId = randomUUID();

    const result = await client.finalizeAgreement(TENANT, ATTESTATION, { requestId });

    const [req] = pc.requests;
    expect(req?.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(req?.headers['ms-requestid']).toBe(requestId);
    expect(JSON.parse(req?.body ?? '')).toEqual({
      attestationId: ATTESTATION,
      type: 'MicrosoftCustomerAgreement',
    });
    expect(result).toEqual(agreement);
  });

  it('reports an answer without an agreement as a shape it does not understand', async () => {
    pc.on('POST', `/v1/customers/${TENANT}/agreements`, { status: 201 });
    const { client } = testClient(pc);
    expect((await rejectionOf(client.finalizeAgreement(TENANT, ATTESTATION))).code).toBe('INTERNAL');
  });
});

describe('attestation status spellings', () => {
  it.each([
    ['pending', 'pending'],
    ['LinkGenerated', 'pending'],
    ['Pending', 'pending'],
    ['unverified', 'pending'],
    ['customeraccepted', 'accepted'],
    ['Accepted', 'accepted'],
    ['Valid', 'accepted'],
    ['linkexpired', 'expired'],
    ['EXPIRED', 'expired'],
    ['agreementcreated', 'finalized'],
    ['Agreement_Created', 'finalized'],
  ])('reads %s as %s', (raw, expected) => {
    expect(normaliseAttestationStatus(raw)).toBe(expected);
  });

  it('treats an unknown status as pending, so nothing is finalized without evidence', () => {
    expect(normaliseAttestationStatus('Frobnicated')).toBeUndefined();
    const read = readAttestation(
      { attestationId: 'x', status: 'Frobnicated' },
      { linkBase: DEFAULT_ACCEPTANCE_LINK_BASE, nowMs: Date.now(), log: silentLogger() },
    );
    expect(read.status).toBe('pending');
  });

  it('builds the documented-by-partners link format', () => {
    expect(acceptanceLink(DEFAULT_ACCEPTANCE_LINK_BASE, ATTESTATION)).toBe(
      `https://cdn.partner.microsoft.com/mca/?attestationid=${ATTESTATION}`,
    );
  });
});
