import { GUID } from '../core/ids';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SANDBOX_GRAPH_TOKEN } from './constants';
import { durationDays, GLOBAL_ADMINISTRATOR_ROLE, type SandboxGdapRelationship } from './gdap';
import type { Reply } from './reply';
import type { SandboxWorld } from './world';
import { readJson } from './write';
import { graphError } from './graph-reply';

/**
 * Microsoft Graph `tenantRelationships/delegatedAdminRelationships` (reference §3), mounted under
 * `/graph` like the mail stand-in. Documented: the create body, the 50-character display name,
 * P1D…P2Y duration, autoExtendDuration P0D/PT0S/P180D and not with Global Administrator, the
 * `requests` actions and the statuses. The error codes and messages are the sandbox's own
 * (UNCONFIRMED); the bot's client matches them by meaning, not only by code.
 */
export const GDAP_PATH =
  /^\/graph\/v1\.0\/tenantRelationships\/delegatedAdminRelationships(?:\/([^/]+)(\/requests)?)?\/?$/i;

const wire = (r: SandboxGdapRelationship) => ({
  '@odata.type': '#microsoft.graph.delegatedAdminRelationship',
  ...r,
});

function validate(body: unknown, world: SandboxWorld): Reply | Parameters<SandboxWorld['gdap']['create']>[0] {
  const b = (body ?? {}) as Record<string, unknown>;
  const displayName = b.displayName;
  if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > 50) {
    return graphError(
      400,
      'Request_BadRequest',
      'displayName is required and must be at most 50 characters.',
    );
  }
  if (world.gdap.byDisplayName(displayName)) {
    return graphError(
      409,
      'Request_DuplicateDisplayName',
      `A relationship with the display name "${displayName}" already exists.`,
    );
  }
  const days = typeof b.duration === 'string' ? durationDays(b.duration) : undefined;
  if (days === undefined || days < 1 || days > 730) {
    return graphError(400, 'Request_BadRequest', 'duration must be between P1D and P2Y (730 days).');
  }
  const customer = b.customer as { tenantId?: unknown; displayName?: unknown } | undefined;
  if (typeof customer?.tenantId !== 'string' || !GUID.test(customer.tenantId)) {
    return graphError(400, 'Request_BadRequest', 'customer.tenantId must be a tenant id.');
  }
  const roles = (b.accessDetails as { unifiedRoles?: unknown } | undefined)?.unifiedRoles;
  if (
    !Array.isArray(roles) ||
    roles.length === 0 ||
    !roles.every((r) => GUID.test(String((r as { roleDefinitionId?: unknown })?.roleDefinitionId)))
  ) {
    return graphError(
      400,
      'Request_BadRequest',
      'accessDetails.unifiedRoles must list at least one roleDefinitionId.',
    );
  }
  const autoExtend = typeof b.autoExtendDuration === 'string' ? b.autoExtendDuration : 'PT0S';
  if (!['P0D', 'PT0S', 'P180D'].includes(autoExtend)) {
    return graphError(400, 'Request_BadRequest', 'autoExtendDuration must be P0D, PT0S or P180D.');
  }
  const ids = roles.map((r) => String((r as { roleDefinitionId: string }).roleDefinitionId).toLowerCase());
  if (autoExtend === 'P180D' && ids.includes(GLOBAL_ADMINISTRATOR_ROLE)) {
    return graphError(
      400,
      'Request_AutoExtendNotAllowed',
      'Auto-extend is not allowed for relationships that include the Global Administrator role.',
    );
  }
  const known = world.getCustomer(customer.tenantId);
  return {
    displayName,
    duration: `P${days}D`,
    autoExtendDuration: autoExtend,
    customer: {
      tenantId: customer.tenantId.toLowerCase(),
      displayName:
        typeof customer.displayName === 'string'
          ? customer.displayName
          : (known?.companyProfile.companyName ?? ''),
    },
    accessDetails: { unifiedRoles: ids.map((roleDefinitionId) => ({ roleDefinitionId })) },
  };
}

/** Answers a GDAP Graph request (server.ts runs it through answerGraph: faults whose `match` names the path, latency). */
export async function decideGdap(req: IncomingMessage, url: URL, world: SandboxWorld): Promise<Reply> {
  const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (auth?.[1] !== SANDBOX_GRAPH_TOKEN)
    return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or not valid.');
  const [, id, requests] = GDAP_PATH.exec(url.pathname) ?? [];
  let body: unknown;
  try {
    body = req.method === 'POST' ? await readJson(req) : undefined;
  } catch (err) {
    return graphError(400, 'BadRequest', `The body is not valid JSON: ${(err as Error).message}`);
  }
  if (!id && req.method === 'GET') {
    const tenant = /customer\/tenantId eq '([^']+)'/i
      .exec(url.searchParams.get('$filter') ?? '')?.[1]
      ?.toLowerCase();
    const value = world.gdap.list().filter((r) => !tenant || r.customer.tenantId === tenant);
    return { status: 200, json: { value: value.map(wire) } };
  }
  if (!id && req.method === 'POST') {
    const input = validate(body, world);
    if ('status' in input) return input;
    return { status: 201, json: wire(world.gdap.create(input)) };
  }
  const relationship = id ? world.gdap.get(id) : undefined;
  if (!relationship) return graphError(404, 'ResourceNotFound', 'The relationship was not found.');
  if (!requests && req.method === 'GET') return { status: 200, json: wire(relationship) };
  if (requests && req.method === 'POST') {
    const action = (body as { action?: unknown } | undefined)?.action;
    const changed =
      action === 'lockForApproval'
        ? world.gdap.lockForApproval(relationship.id)
        : action === 'terminate'
          ? world.gdap.terminate(relationship.id)
          : undefined;
    if (!changed)
      return graphError(
        400,
        'Request_BadRequest',
        `The action "${String(action)}" is not allowed while the relationship is ${relationship.status}.`,
      );
    const now = world.clock.now().toISOString();
    return {
      status: 201,
      json: {
        id: randomUUID(),
        action,
        status: 'succeeded',
        createdDateTime: now,
        lastModifiedDateTime: now,
      },
    };
  }
  return graphError(405, 'Request_BadRequest', 'Method not allowed.');
}
