import { GUID } from '../core/ids';
import { AppError } from '../core/errors';
import { explainCreateError, fromWire, type GdapStatus, type WireRelationship } from './gdap-wire';
import type { GraphHttp } from './http';

export { GDAP_STATUSES, type GdapStatus } from './gdap-wire';

/**
 * GDAP through Microsoft Graph v1.0 `tenantRelationships/delegatedAdminRelationships` (reference §3).
 * Needs the application permission DelegatedAdminRelationship.ReadWrite.All (admin consent) and the
 * Partner Customer Delegated Admin service principal (2832473f-ec63-45fb-976f-5d45a7d4bb91) in the
 * partner tenant.
 */
export interface GdapRelationship {
  id: string;
  displayName: string;
  status: GdapStatus;
  customerTenantId: string;
  customerName: string;
  roleIds: string[];
  durationDays?: number;
  autoExtend: boolean;
  createdDateTime?: string;
  activatedDateTime?: string;
  endDateTime?: string;
}

export interface NewGdapRelationship {
  /** At most 50 characters, unique among the partner's relationships. */
  displayName: string;
  customerTenantId: string;
  customerName: string;
  roleIds: string[];
  /** 1–730. */
  durationDays: number;
  /** Auto-extend by 180 days (not allowed with Global Administrator). */
  autoExtend: boolean;
}

export interface GdapClient {
  /** Creates the relationship and locks it for approval; returns it as Graph then reports it. */
  request(input: NewGdapRelationship): Promise<GdapRelationship>;
  get(id: string): Promise<GdapRelationship>;
  /** The customer's relationships (all statuses). */
  listForCustomer(customerTenantId: string): Promise<GdapRelationship[]>;
  /** Every relationship of the partner, following `@odata.nextLink` (for the reconcile job). */
  listAll(): Promise<GdapRelationship[]>;
  /** Where the customer's Global admin approves the request. */
  approvalLink(id: string): string;
}

/** Microsoft 365 admin center page for approving a GDAP request (reference §3). */
export const GDAP_APPROVAL_LINK_BASE =
  'https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/';

const PATH = '/v1.0/tenantRelationships/delegatedAdminRelationships';
const ID = /^[0-9a-f-]{36,73}$/i;
const MAX_PAGES = 50;
const HINTS = {
  forbidden:
    'The app needs the Microsoft Graph application permission DelegatedAdminRelationship.ReadWrite.All with ' +
    'admin consent, and the Partner Customer Delegated Admin service principal ' +
    '(2832473f-ec63-45fb-976f-5d45a7d4bb91) must exist in your partner tenant.',
  notFound: 'Microsoft Graph does not know this admin relationship; it may have been deleted.',
};

/**
 * @example
 * const gdap = createGdapClient(createGraphHttp({ baseUrl, getToken, log }));
 * const r = await gdap.request({ displayName: 'Contoso helpdesk', customerTenantId, customerName, roleIds, durationDays: 365, autoExtend: false });
 * const link = gdap.approvalLink(r.id);
 */
export function createGdapClient(http: GraphHttp, options: { approvalLinkBase?: string } = {}): GdapClient {
  const approvalBase = options.approvalLinkBase ?? GDAP_APPROVAL_LINK_BASE;
  const assertId = (id: string) => {
    if (!ID.test(id)) throw new AppError('INPUT_INVALID', 'This is not a GDAP relationship id.');
  };
  const get = async (id: string) => {
    assertId(id);
    return fromWire(
      await http.request<WireRelationship>('GET', `${PATH}/${encodeURIComponent(id)}`, undefined, {
        hints: HINTS,
      }),
    );
  };
  const list = async (path: string) => {
    const all: GdapRelationship[] = [];
    let next: string | undefined = path;
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const body: { value?: WireRelationship[]; '@odata.nextLink'?: string } =
        (await http.request('GET', next, undefined, { hints: HINTS })) ?? {};
      all.push(...(body.value ?? []).map(fromWire));
      next = body['@odata.nextLink'];
    }
    return all;
  };
  return {
    async request(input) {
      if (!GUID.test(input.customerTenantId))
        throw new AppError('INPUT_INVALID', 'The customer tenant id is not valid.');
      let created: GdapRelationship;
      try {
        created = fromWire(
          await http.request<WireRelationship>(
            'POST',
            PATH,
            {
              displayName: input.displayName,
              duration: `P${input.durationDays}D`,
              customer: { tenantId: input.customerTenantId, displayName: input.customerName },
              accessDetails: {
                unifiedRoles: input.roleIds.map((roleDefinitionId) => ({ roleDefinitionId })),
              },
              autoExtendDuration: input.autoExtend ? 'P180D' : 'PT0S',
            },
            { hints: HINTS },
          ),
        );
      } catch (err) {
        throw explainCreateError(err);
      }
      await http.request(
        'POST',
        `${PATH}/${encodeURIComponent(created.id)}/requests`,
        { action: 'lockForApproval' },
        { hints: HINTS },
      );
      return get(created.id);
    },
    get,
    async listForCustomer(customerTenantId) {
      if (!GUID.test(customerTenantId))
        throw new AppError('INPUT_INVALID', 'The customer tenant id is not valid.');
      const filter = encodeURIComponent(`customer/tenantId eq '${customerTenantId.toLowerCase()}'`);
      return list(`${PATH}?$filter=${filter}`);
    },
    listAll: () => list(PATH),
    approvalLink: (id) => `${approvalBase}${encodeURIComponent(id)}`,
  };
}
