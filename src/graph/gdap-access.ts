import { AppError } from '../core/errors';
import type { GraphHttp } from './http';

/**
 * Who at the partner gets which GDAP role: access assignments of a relationship to the partner
 * tenant's security groups (Graph v1.0 delegatedAdminAccessAssignment; statuses pending, active,
 * deleting, deleted, error). Same permission as the relationships (DelegatedAdminRelationship.ReadWrite.All)
 * plus Group.Read.All to list the security groups.
 */
export type AccessAssignmentStatus = 'pending' | 'active' | 'deleting' | 'deleted' | 'error' | 'unknown';

export interface SecurityGroup {
  id: string;
  displayName: string;
}

export interface AccessAssignment {
  id: string;
  status: AccessAssignmentStatus;
  groupId: string;
  roleIds: string[];
}

export interface GdapAccessClient {
  /** The partner tenant's security groups, optionally those whose name starts with `search` (up to 999). */
  securityGroups(search?: string): Promise<SecurityGroup[]>;
  /** POST …/delegatedAdminRelationships/{id}/accessAssignments: one group, its roles. */
  assign(relationshipId: string, groupId: string, roleIds: string[]): Promise<AccessAssignment>;
  /** The relationship's access assignments. */
  assignments(relationshipId: string): Promise<AccessAssignment[]>;
}

const PATH = '/v1.0/tenantRelationships/delegatedAdminRelationships';
const ID = /^[0-9a-f-]{36,73}$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const STATUSES = new Set(['pending', 'active', 'deleting', 'deleted', 'error']);
const HINTS = {
  forbidden:
    'The app needs the Microsoft Graph application permissions DelegatedAdminRelationship.ReadWrite.All and ' +
    'Group.Read.All with admin consent.',
  notFound: 'Microsoft Graph does not know this admin relationship; it may have been deleted.',
};

interface WireAssignment {
  id?: unknown;
  status?: unknown;
  accessContainer?: { accessContainerId?: unknown };
  accessDetails?: { unifiedRoles?: { roleDefinitionId?: unknown }[] };
}

function fromWire(w: WireAssignment): AccessAssignment {
  const status = typeof w.status === 'string' && STATUSES.has(w.status) ? w.status : 'unknown';
  return {
    id: typeof w.id === 'string' ? w.id : '',
    status: status as AccessAssignmentStatus,
    groupId: str(w.accessContainer?.accessContainerId).toLowerCase(),
    roleIds: (w.accessDetails?.unifiedRoles ?? []).map((r) => str(r.roleDefinitionId).toLowerCase()),
  };
}

/**
 * @example
 * const access = createGdapAccessClient(http);
 * await access.assign(relationshipId, helpdeskGroupId, [HELPDESK_ADMINISTRATOR]);
 */
export function createGdapAccessClient(http: GraphHttp): GdapAccessClient {
  const assertIds = (relationshipId: string, ...guids: string[]) => {
    if (!ID.test(relationshipId) || !guids.every((g) => GUID.test(g))) {
      throw new AppError('INPUT_INVALID', 'This is not a GDAP relationship, group or role id.');
    }
  };
  return {
    async securityGroups(search) {
      const term = (search ?? '').replace(/["\\]/g, '').trim().slice(0, 100);
      const query = new URLSearchParams({
        $filter: 'securityEnabled eq true',
        $select: 'id,displayName',
        $top: '999',
        ...(term ? { $search: `"displayName:${term}"` } : {}),
      });
      const body: { value?: { id?: unknown; displayName?: unknown }[] } =
        (await http.request('GET', `/v1.0/groups?${query.toString()}`, undefined, {
          hints: HINTS,
          // $search and some $filter on directory objects need advanced queries.
          headers: { ConsistencyLevel: 'eventual' },
        })) ?? {};
      return (body.value ?? [])
        .filter((g) => typeof g.id === 'string')
        .map((g) => ({ id: String(g.id).toLowerCase(), displayName: str(g.displayName) }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
    },
    async assign(relationshipId, groupId, roleIds) {
      assertIds(relationshipId, groupId, ...roleIds);
      return fromWire(
        await http.request<WireAssignment>(
          'POST',
          `${PATH}/${encodeURIComponent(relationshipId)}/accessAssignments`,
          {
            accessContainer: { accessContainerId: groupId, accessContainerType: 'securityGroup' },
            accessDetails: { unifiedRoles: roleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
          },
          { hints: HINTS },
        ),
      );
    },
    async assignments(relationshipId) {
      assertIds(relationshipId);
      const body: { value?: WireAssignment[] } =
        (await http.request(
          'GET',
          `${PATH}/${encodeURIComponent(relationshipId)}/accessAssignments`,
          undefined,
          { hints: HINTS },
        )) ?? {};
      return (body.value ?? []).map(fromWire);
    },
  };
}
