import type { IncomingMessage } from 'node:http';
import type { SandboxAccessAssignment } from './access-store';
import { SANDBOX_GRAPH_TOKEN } from './constants';
import type { Reply } from './reply';
import type { SandboxWorld } from './world';
import { readJson } from './write';
import { graphError } from './graph-reply';

/**
 * Microsoft Graph `GET /groups` (security groups of the partner tenant) and
 * `…/delegatedAdminRelationships/{id}/accessAssignments` (GET, POST), mounted under `/graph`.
 * Documented: the request and resource shapes, the statuses, `$search` needing
 * `ConsistencyLevel: eventual`. The error codes and messages are the sandbox's own (UNCONFIRMED).
 */
export const GROUPS_PATH = /^\/graph\/v1\.0\/groups\/?$/i;
export const ACCESS_PATH =
  /^\/graph\/v1\.0\/tenantRelationships\/delegatedAdminRelationships\/([^/]+)\/accessAssignments\/?$/i;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const wire = ({ relationshipId: _r, ...a }: SandboxAccessAssignment) => ({
  '@odata.type': '#microsoft.graph.delegatedAdminAccessAssignment',
  '@odata.etag': `W/"${Buffer.from(a.lastModifiedDateTime).toString('base64')}"`,
  ...a,
});

function groups(req: IncomingMessage, url: URL, world: SandboxWorld): Reply {
  const search = url.searchParams.get('$search');
  if (search && String(req.headers.consistencylevel ?? '').toLowerCase() !== 'eventual') {
    return graphError(
      400,
      'Request_UnsupportedQuery',
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  }
  const term = /^"displayName:(.*)"$/i.exec(search ?? '')?.[1]?.toLowerCase() ?? '';
  const securityOnly = /securityEnabled eq true/i.test(url.searchParams.get('$filter') ?? '');
  const value = [...world.access.groups.values()]
    .filter((g) => (!securityOnly || g.securityEnabled) && g.displayName.toLowerCase().includes(term))
    .map((g) => ({ id: g.id, displayName: g.displayName, description: g.description }));
  return {
    status: 200,
    json: { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#groups', value },
  };
}

function create(relationshipId: string, body: unknown, world: SandboxWorld): Reply {
  const relationship = world.gdap.get(relationshipId);
  if (!relationship) return graphError(404, 'ResourceNotFound', 'The relationship was not found.');
  if (relationship.status !== 'active') {
    return graphError(
      400,
      'Request_BadRequest',
      `Access assignments can only be created while the relationship is active (it is ${relationship.status}).`,
    );
  }
  const b = (body ?? {}) as {
    accessContainer?: { accessContainerId?: unknown; accessContainerType?: unknown };
    accessDetails?: { unifiedRoles?: { roleDefinitionId?: unknown }[] };
  };
  const groupId = str(b.accessContainer?.accessContainerId).toLowerCase();
  const group = world.access.groups.get(groupId);
  if (b.accessContainer?.accessContainerType !== 'securityGroup' || !group?.securityEnabled) {
    return graphError(
      400,
      'Request_InvalidAccessContainer',
      `The access container ${groupId} is not a security group in the partner tenant.`,
    );
  }
  const roles = (b.accessDetails?.unifiedRoles ?? []).map((r) => str(r.roleDefinitionId).toLowerCase());
  const granted = new Set(relationship.accessDetails.unifiedRoles.map((r) => r.roleDefinitionId));
  const foreign = roles.find((r) => !GUID.test(r) || !granted.has(r));
  if (roles.length === 0 || foreign !== undefined) {
    return graphError(
      400,
      'Request_RoleNotInRelationship',
      `The role ${foreign ?? '(none)'} is not part of the relationship's access details.`,
    );
  }
  const taken = world.access
    .forRelationship(relationship.id)
    .some((a) => a.accessContainer.accessContainerId === groupId && a.status !== 'deleted');
  if (taken) {
    return graphError(
      409,
      'Request_Conflict',
      'An access assignment for this access container already exists on the relationship.',
    );
  }
  return { status: 201, json: wire(world.access.create(relationship.id, groupId, roles)) };
}

/** Answers a groups or access-assignments Graph request (server.ts runs it through answerGraph: faults, latency). */
export async function decideAccess(req: IncomingMessage, url: URL, world: SandboxWorld): Promise<Reply> {
  const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (auth?.[1] !== SANDBOX_GRAPH_TOKEN)
    return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or not valid.');
  if (GROUPS_PATH.test(url.pathname)) {
    return req.method === 'GET'
      ? groups(req, url, world)
      : graphError(405, 'Request_BadRequest', 'Method not allowed.');
  }
  const id = ACCESS_PATH.exec(url.pathname)?.[1] ?? '';
  if (req.method === 'GET') {
    if (!world.gdap.get(id)) return graphError(404, 'ResourceNotFound', 'The relationship was not found.');
    return { status: 200, json: { value: world.access.forRelationship(id).map(wire) } };
  }
  if (req.method === 'POST') {
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (err) {
      return graphError(400, 'BadRequest', `The body is not valid JSON: ${(err as Error).message}`);
    }
    return create(id, body, world);
  }
  return graphError(405, 'Request_BadRequest', 'Method not allowed.');
}
