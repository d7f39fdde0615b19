import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors';
import { createGdapClient, GDAP_APPROVAL_LINK_BASE } from '../../src/graph/gdap';
import type { GraphHttp } from '../../src/graph/http';

const CUSTOMER = '434fb1a8-7442-4f06-a915-a825a1bb25b0';
const ID = '5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836';
const input = {
  displayName: 'Contoso helpdesk',
  customerTenantId: CUSTOMER,
  customerName: 'Contoso Ltd',
  roleIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'],
  durationDays: 365,
  autoExtend: true,
};

function fakeGraph(answer: (method: string, path: string, body: unknown) => unknown) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const http: GraphHttp = {
    async request<T>(method: string, path: string, body?: unknown) {
      calls.push({ method, path, body });
      const result = answer(method, path, body);
      if (result instanceof Error) throw result;
      return result as T;
    },
  };
  return { http, calls };
}

const wire = (status: string) => ({
  id: ID,
  displayName: 'Contoso helpdesk',
  status,
  duration: 'P365D',
  autoExtendDuration: 'P180D',
  customer: { tenantId: CUSTOMER, displayName: 'Contoso Ltd' },
  accessDetails: { unifiedRoles: [{ roleDefinitionId: '729827E3-9C14-49F7-BB1B-9608F156BBB8' }] },
});

describe('GDAP through Microsoft Graph', () => {
  it('creates the relationship with the documented body, locks it for approval and reads it back', async () => {
    const { http, calls } = fakeGraph((method, path) =>
      method === 'POST' && path.endsWith('/requests')
        ? {}
        : wire(method === 'POST' ? 'created' : 'approvalPending'),
    );
    const r = await createGdapClient(http).request(input);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /v1.0/tenantRelationships/delegatedAdminRelationships',
      `POST /v1.0/tenantRelationships/delegatedAdminRelationships/${ID}/requests`,
      `GET /v1.0/tenantRelationships/delegatedAdminRelationships/${ID}`,
    ]);
    expect(calls[0]!.body).toEqual({
      displayName: 'Contoso helpdesk',
      duration: 'P365D',
      customer: { tenantId: CUSTOMER, displayName: 'Contoso Ltd' },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: '729827e3-9c14-49f7-bb1b-9608f156bbb8' }] },
      autoExtendDuration: 'P180D',
    });
    expect(calls[1]!.body).toEqual({ action: 'lockForApproval' });
    expect(r).toMatchObject({
      status: 'approvalPending',
      roleIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'],
      autoExtend: true,
      durationDays: 365,
    });
  });

  it('explains a duplicate name and a refused auto-extend as form errors naming the field', async () => {
    const conflict = new AppError('GRAPH_BAD_REQUEST', 'x', {
      details: { status: 409, graphCode: 'Request_Conflict' },
    });
    const dup = createGdapClient(fakeGraph(() => conflict).http).request(input);
    await expect(dup).rejects.toMatchObject({ code: 'INPUT_INVALID', details: { field: 'displayName' } });
    const extend = new AppError('GRAPH_BAD_REQUEST', 'x', {
      details: { status: 400, graphCode: 'Request_AutoExtendNotAllowed' },
    });
    const ga = createGdapClient(fakeGraph(() => extend).http).request(input);
    await expect(ga).rejects.toMatchObject({ code: 'INPUT_INVALID', details: { field: 'autoExtend' } });
  });

  it('lets permission problems through unchanged, so the error card names the Graph permission', async () => {
    const forbidden = new AppError('GRAPH_FORBIDDEN', 'needs DelegatedAdminRelationship.ReadWrite.All');
    await expect(createGdapClient(fakeGraph(() => forbidden).http).request(input)).rejects.toBe(forbidden);
  });

  it('filters by customer, follows next links, and builds the admin center approval link', async () => {
    const { http, calls } = fakeGraph((_m, path) =>
      path.includes('skiptoken')
        ? { value: [wire('active')] }
        : {
            value: [wire('expired')],
            '@odata.nextLink': '/v1.0/tenantRelationships/delegatedAdminRelationships?$skiptoken=x',
          },
    );
    const client = createGdapClient(http);
    const all = await client.listForCustomer(CUSTOMER);
    expect(all.map((r) => r.status)).toEqual(['expired', 'active']);
    expect(decodeURIComponent(calls[0]!.path)).toContain(`$filter=customer/tenantId eq '${CUSTOMER}'`);
    expect(client.approvalLink(ID)).toBe(`${GDAP_APPROVAL_LINK_BASE}${ID}`);
    await expect(client.get('../../me')).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});
