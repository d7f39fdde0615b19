import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger';
import {
  createPartnerCenterClient,
  createStaticTokenGetter,
  type PartnerCenterClient,
} from '../../src/partner-center';
import {
  DEMO_CUSTOMERS,
  SANDBOX_ADMIN_AGENT_ID,
  SANDBOX_APP_TOKEN,
  SANDBOX_READER_ID,
  SANDBOX_SALES_AGENT_ID,
  SANDBOX_USER_TOKEN,
  startSandbox,
  type Sandbox,
} from '../../src/sandbox';
import { rejectionOf } from './helpers';

const notAccepted = DEMO_CUSTOMERS.find((c) => c.scenario === 'not-accepted')!;
const attested = DEMO_CUSTOMERS.find((c) => c.scenario === 'attested')!;
const signatory = {
  signatoryFirstName: 'Lena',
  signatoryLastName: 'Vogel',
  signatoryEmail: 'lena.vogel@example.com',
};
const inputFor = (customerTenantId: string) => ({
  customerTenantId,
  country: 'DE',
  language: 'de-DE',
  companyName: 'Contoso Pharma GmbH',
  ...signatory,
});

describe('Partner Center client against the sandbox: enhanced attestation', () => {
  let sandbox: Sandbox;
  let pc: PartnerCenterClient;
  beforeAll(async () => {
    sandbox = await startSandbox();
    pc = createPartnerCenterClient({
      baseUrl: sandbox.url,
      getToken: createStaticTokenGetter({ app: SANDBOX_APP_TOKEN, user: SANDBOX_USER_TOKEN }),
      log: silentLogger(),
      acceptanceLinkBase: `${sandbox.url}/mca/`,
      sleep: async () => undefined,
    });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.world.reset());

  it('creates, waits for acceptance, finalizes, and the customer then counts as attested', async () => {
    const created = await pc.createEnhancedAttestation(inputFor(notAccepted.id));
    expect(created.status).toBe('pending');
    expect(created.acceptanceUrl).toBe(`${sandbox.url}/mca/?attestationid=${created.attestationId}`);
    expect(created.expiresAt).toBeDefined();

    const early = await rejectionOf(pc.finalizeAgreement(notAccepted.id, created.attestationId));
    expect(early.code).toBe('PC_BAD_REQUEST');
    expect(early.details.pcCode).toBe('600070');

    sandbox.world.acceptAttestation(created.attestationId);
    const accepted = await pc.getEnhancedAttestation(created.attestationId);
    expect(accepted.status).toBe('accepted');
    expect(accepted.acceptedAt).toBeDefined();

    const agreement = await pc.finalizeAgreement(notAccepted.id, created.attestationId);
    expect(agreement).toMatchObject({
      type: 'MicrosoftCustomerAgreement',
      primaryContact: { firstName: 'Lena', lastName: 'Vogel', email: 'lena.vogel@example.com' },
    });
    expect((await pc.getEnhancedAttestation(created.attestationId)).status).toBe('finalized');
    const records = await pc.getCustomerAgreements(notAccepted.id);
    expect(records.map((r) => r.primaryContact.lastName)).toContain('Vogel');
    expect(sandbox.world.getCustomer(notAccepted.id)?.scenario).toBe('attested');

    const again = await rejectionOf(pc.finalizeAgreement(notAccepted.id, created.attestationId));
    expect(again.code).toBe('PC_DUPLICATE_ATTESTATION');
  });

  it('answers a retried create with the same MS-RequestId with the same attestation', async () => {
    const requestId = randomUUID();
    const first = await pc.createEnhancedAttestation(inputFor(notAccepted.id), { requestId });
    const retried = await pc.createEnhancedAttestation(inputFor(notAccepted.id), { requestId });
    expect(retried.attestationId).toBe(first.attestationId);
    expect(sandbox.world.attestations()).toHaveLength(1);
  });

  it('refuses a second attestation for a signatory who already attested (600061)', async () => {
    const contact = attested.agreements[0]!.primaryContact;
    const err = await rejectionOf(
      pc.createEnhancedAttestation({
        ...inputFor(attested.id),
        signatoryFirstName: contact.firstName,
        signatoryLastName: contact.lastName,
        signatoryEmail: contact.email,
      }),
    );
    expect(err.code).toBe('PC_DUPLICATE_ATTESTATION');
  });

  it('reports an expired link as expired, and finalizing it fails', async () => {
    const created = await pc.createEnhancedAttestation(inputFor(notAccepted.id));
    sandbox.world.expireAttestation(created.attestationId);
    expect((await pc.getEnhancedAttestation(created.attestationId)).status).toBe('expired');
    const err = await rejectionOf(pc.finalizeAgreement(notAccepted.id, created.attestationId));
    expect(err.details.pcCode).toBe('600071');
  });

  it('retries an injected 503 on create and still creates exactly one attestation', async () => {
    sandbox.world.injectFault({ status: 503, times: 1, match: '/v1/attestations/enhanced' });
    await pc.createEnhancedAttestation(inputFor(notAccepted.id));
    expect(sandbox.world.attestations()).toHaveLength(1);
    const posts = sandbox.world.requestLog().filter((r) => r.routeKey === 'POST /v1/attestations/enhanced');
    expect(posts.map((r) => r.status)).toEqual([503, 201]);
    expect(new Set(posts.map((r) => r.requestId)).size).toBe(1);
    expect(posts.every((r) => r.tokenKind === 'app')).toBe(true);
  });
});

describe('Partner Center client against the sandbox: roles', () => {
  let sandbox: Sandbox;
  let pc: PartnerCenterClient;
  beforeAll(async () => {
    sandbox = await startSandbox();
    pc = createPartnerCenterClient({
      baseUrl: sandbox.url,
      getToken: createStaticTokenGetter({ app: SANDBOX_APP_TOKEN, user: SANDBOX_USER_TOKEN }),
      log: silentLogger(),
    });
  });
  afterAll(() => sandbox.close());

  it('finds the admin agent and the sales agent, and not the reader', async () => {
    const roles = await pc.listPartnerRoles();
    const byName = (name: string) => roles.find((r) => r.name === name)!;
    const admins = await pc.listRoleMembers(byName('Admin Agent').id);
    const sales = await pc.listRoleMembers(byName('Sales Agent').id);
    expect(admins.map((m) => m.id)).toEqual([SANDBOX_ADMIN_AGENT_ID]);
    expect(sales.map((m) => m.id)).toEqual([SANDBOX_SALES_AGENT_ID]);
    const everyone = (await Promise.all(roles.map((r) => pc.listRoleMembers(r.id)))).flat();
    expect(everyone.map((m) => m.id)).not.toContain(SANDBOX_READER_ID);
  });

  it('pages through a large role', async () => {
    const many = Array.from({ length: 1_203 }, (_, i) => ({
      id: randomUUID(),
      displayName: `Agent ${i}`,
      userPrincipalName: `agent${i}@fabrikam.example`,
    }));
    sandbox.world.setRoleMembers('Helpdesk Agent', many);
    const role = (await pc.listPartnerRoles()).find((r) => r.name === 'Helpdesk Agent')!;
    sandbox.world.resetStats();

    const members = await pc.listRoleMembers(role.id);

    expect(members.map((m) => m.id)).toEqual(many.map((m) => m.id));
    expect(sandbox.world.requestLog()).toHaveLength(3);
  });
});
