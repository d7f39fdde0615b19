import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_CUSTOMERS,
  SANDBOX_MCA_TEMPLATE_ID,
  SANDBOX_PARTNER_TENANT_ID,
  startSandbox,
  type Sandbox,
} from '../../src/sandbox';
import { get } from './helpers';

const byName = (prefix: string) =>
  DEMO_CUSTOMERS.find((c) => c.companyProfile.companyName.startsWith(prefix))!;
const MCA = 'agreementType=MicrosoftCustomerAgreement';

describe('agreement endpoints', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('serves the MCA template id from the agreement metadata', async () => {
    const res = await get(sandbox, `/v1/agreements?${MCA}`);
    expect(res.body).toEqual({
      totalCount: 1,
      items: [
        {
          templateId: SANDBOX_MCA_TEMPLATE_ID,
          agreementType: 'MicrosoftCustomerAgreement',
          agreementLink: 'https://aka.ms/customeragreement',
          versionRank: 0,
        },
      ],
      attributes: { objectType: 'Collection' },
    });
  });

  it('defaults the metadata to the Cloud Agreement when agreementType is omitted, and lists both for *', async () => {
    const omitted = await get(sandbox, '/v1/agreements');
    expect(omitted.body.items.map((i: any) => i.agreementType)).toEqual(['MicrosoftCloudAgreement']);
    expect(omitted.body.items[0].templateId).not.toBe(SANDBOX_MCA_TEMPLATE_ID);
    const all = await get(sandbox, '/v1/agreements?agreementType=*');
    expect(all.body.totalCount).toBe(2);
  });

  it('returns a customer’s MCA attestations only when agreementType is MicrosoftCustomerAgreement', async () => {
    const contoso = byName('Contoso Ltd');
    const mca = await get(sandbox, `/v1/customers/${contoso.id}/agreements?${MCA}`);
    expect(mca.body.totalCount).toBe(1);
    expect(mca.body.items[0]).toMatchObject({
      templateId: SANDBOX_MCA_TEMPLATE_ID,
      type: 'MicrosoftCustomerAgreement',
      dateAgreed: '2025-02-11T10:15:00',
      agreementLink: 'https://aka.ms/customeragreement',
      primaryContact: { firstName: 'Olivia', lastName: 'Bennett', email: 'olivia.bennett@example.com' },
    });
    // The documented trap: no agreementType means MicrosoftCloudAgreement, so the MCA record is missing.
    const omitted = await get(sandbox, `/v1/customers/${contoso.id}/agreements`);
    expect(omitted.status).toBe(200);
    expect(omitted.body).toEqual({ totalCount: 0, items: [], attributes: { objectType: 'Collection' } });
  });

  it('shows only a legacy Cloud Agreement to a client that forgets agreementType', async () => {
    const pharma = byName('Contoso Pharma');
    const omitted = await get(sandbox, `/v1/customers/${pharma.id}/agreements`);
    expect(omitted.body.items.map((a: any) => a.type)).toEqual(['MicrosoftCloudAgreement']);
    const mca = await get(sandbox, `/v1/customers/${pharma.id}/agreements?${MCA}`);
    expect(mca.body.totalCount).toBe(0);
  });

  it('answers 404 for the agreements of an unknown customer and 400 for an unknown agreementType', async () => {
    expect(
      (await get(sandbox, `/v1/customers/00000000-0000-4000-8000-000000000001/agreements?${MCA}`)).status,
    ).toBe(404);
    const contoso = byName('Contoso Ltd');
    expect((await get(sandbox, `/v1/customers/${contoso.id}/agreements?agreementType=Nope`)).status).toBe(
      400,
    );
  });

  it('reports direct acceptance in the admin center', async () => {
    const read = async (prefix: string) =>
      get(sandbox, `/v1/customers/${byName(prefix).id}/directSignedMicrosoftCustomerAgreementStatus`);
    expect((await read('Fabrikam')).body).toEqual({
      isSigned: true,
      attributes: { objectType: 'DirectSignedCustomerAgreementStatus' },
    });
    expect((await read('Lumière')).body.isSigned).toBe(false);
  });

  it('refuses the direct-sign read with 403 code 20002 when there is no reseller relationship', async () => {
    for (const prefix of ['Adventure Works', 'Trey Research']) {
      const customer = byName(prefix);
      const res = await get(
        sandbox,
        `/v1/customers/${customer.id}/directSignedMicrosoftCustomerAgreementStatus`,
      );
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        code: 20002,
        description: `The partner id ${SANDBOX_PARTNER_TENANT_ID} has no commerce relationship with the customer id ${customer.id}`,
      });
    }
  });

  it('reflects a customer accepting directly while the sandbox runs', async () => {
    const italy = byName('Tailspin');
    const path = `/v1/customers/${italy.id}/directSignedMicrosoftCustomerAgreementStatus`;
    expect((await get(sandbox, path)).body.isSigned).toBe(false);
    const updated = sandbox.world.setDirectlySigned(italy.id, true);
    expect(updated.scenario).toBe('direct');
    expect((await get(sandbox, path)).body.isSigned).toBe(true);
    expect(DEMO_CUSTOMERS.find((c) => c.id === italy.id)!.directlySigned).toBe(false);
  });

  it('lists an attestation added while the sandbox runs and updates the scenario', async () => {
    const brazil = byName('Relecloud');
    sandbox.world.addAgreement(brazil.id, {
      primaryContact: { firstName: 'João', lastName: 'Oliveira', email: 'joao.oliveira@example.com' },
      templateId: SANDBOX_MCA_TEMPLATE_ID,
      dateAgreed: '2026-05-01T00:00:00',
      type: 'MicrosoftCustomerAgreement',
    });
    expect(sandbox.world.getCustomer(brazil.id)!.scenario).toBe('attested');
    const res = await get(sandbox, `/v1/customers/${brazil.id}/agreements?${MCA}`);
    expect(res.body.items.map((a: any) => a.dateAgreed)).toEqual(['2026-05-01T00:00:00']);
  });
});
