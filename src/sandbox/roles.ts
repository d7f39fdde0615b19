import { SANDBOX_ADMIN_AGENT_ID, SANDBOX_PARTNER_TENANT_ID, SANDBOX_SALES_AGENT_ID } from './constants';
import { badRequest, notFound, ok, type Reply } from './reply';
import type { Route, RouteContext } from './router';

/**
 * Partner roles and their members (reference §10, "Manage account profiles"). Documented: the two
 * GET paths, seek paging with `size` 1..500 and the member fields id, displayName, userPrincipalName,
 * roleId, accountId. UNCONFIRMED: the collection envelope, role ids and names, the paging links and
 * which token kinds are accepted (the sandbox takes both).
 */
export const SANDBOX_ROLES = [
  { id: 'f2d4e5f6-7a8b-4c9d-8e0f-1a2b3c4d5e6f', name: 'Admin Agent' },
  { id: 'b8f0a1c2-3d4e-4f5a-8b6c-7d8e9f0a1b2c', name: 'Sales Agent' },
  { id: 'c9a1b2c3-4d5e-4f6a-9b7c-8d9e0f1a2b3c', name: 'Helpdesk Agent' },
  { id: 'd0b2c3d4-5e6f-4a7b-8c8d-9e0f1a2b3c4d', name: 'Billing Admin' },
  { id: 'e1c3d4e5-6f7a-4b8c-9d9e-0f1a2b3c4d5e', name: 'Global Admin' },
] as const;

export interface SandboxRoleMember {
  /** Entra object id (what a Teams activity carries as from.aadObjectId). */
  id: string;
  displayName?: string;
  userPrincipalName?: string;
}

/** The sandbox partner's staff per role; matches .m365agentsplayground.yml. SANDBOX_READER_ID has no role. */
function seedMembers(): Map<string, SandboxRoleMember[]> {
  const byName = (name: string) => SANDBOX_ROLES.find((r) => r.name === name)!.id;
  return new Map([
    [
      byName('Admin Agent'),
      [
        {
          id: SANDBOX_ADMIN_AGENT_ID,
          displayName: 'Alex Wilber',
          userPrincipalName: 'alexw@fabrikam.example',
        },
      ],
    ],
    [
      byName('Sales Agent'),
      [
        {
          id: SANDBOX_SALES_AGENT_ID,
          displayName: 'Megan Bowen',
          userPrincipalName: 'meganb@fabrikam.example',
        },
      ],
    ],
  ]);
}

export class RoleDirectory {
  private members = seedMembers();

  /** Replaces a role's members; `role` is its id or name (case-insensitive). */
  set(role: string, members: SandboxRoleMember[]): void {
    this.members.set(
      roleId(role),
      members.map((m) => ({ ...m })),
    );
  }

  membersOf(id: string): SandboxRoleMember[] {
    return (this.members.get(id) ?? []).map((m) => ({ ...m }));
  }

  reset(): void {
    this.members = seedMembers();
  }
}

function findRole(role: string) {
  const key = role.toLowerCase();
  return SANDBOX_ROLES.find((r) => r.id === key || r.name.toLowerCase() === key);
}

function roleId(role: string): string {
  const found = findRole(role);
  if (!found) throw new Error(`The sandbox has no partner role ${role}.`);
  return found.id;
}

function collection<T>(items: T[], extra: object = {}) {
  return { totalCount: items.length, items, ...extra, attributes: { objectType: 'Collection' } };
}

function listRoles(): Reply {
  return ok(collection(SANDBOX_ROLES.map((r) => ({ ...r, attributes: { objectType: 'Role' } }))));
}

/** GET /v1/roles/{id}/usermembers?size=…, then seekOperation=Next with MS-ContinuationToken. */
function listMembers({ params, url, headers, world }: RouteContext): Reply {
  const role = findRole(params.id ?? '');
  if (!role) return notFound(`Role ${params.id ?? ''} was not found.`);
  const rawSize = url.searchParams.get('size');
  const size = rawSize === null ? 100 : Number(rawSize);
  if (!Number.isInteger(size) || size < 1 || size > 500)
    return badRequest('size must be a whole number from 1 to 500.');
  let offset = 0;
  if (url.searchParams.get('seekOperation')?.toLowerCase() === 'next') {
    const token = headers['ms-continuationtoken'];
    offset = Number(
      Buffer.from(String(Array.isArray(token) ? token[0] : (token ?? '')), 'base64url').toString(),
    );
    if (!Number.isInteger(offset) || offset < 0)
      return badRequest('The MS-ContinuationToken header is missing or invalid.');
  }
  const all = world.roles.membersOf(role.id);
  const items = all.slice(offset, offset + size).map((m) => ({
    ...m,
    roleId: role.id,
    accountId: SANDBOX_PARTNER_TENANT_ID,
    attributes: { objectType: 'UserMember' },
  }));
  if (offset + size >= all.length) return ok(collection(items));
  const token = Buffer.from(String(offset + size)).toString('base64url');
  const next = {
    uri: `/v1/roles/${role.id}/usermembers?size=${size}&seekOperation=Next`,
    method: 'GET',
    headers: [{ key: 'MS-ContinuationToken', value: token }],
  };
  return ok(collection(items, { links: { next }, continuationToken: token }));
}

export const roleRoutes: Route[] = [
  { method: 'GET', template: '/v1/roles', auth: 'any', handle: listRoles },
  { method: 'GET', template: '/v1/roles/{id}/usermembers', auth: 'any', handle: listMembers },
];
