import type { FeatureContext } from '../../core/context';
import { AppError } from '../../core/errors';

/** Partner Center roles that may change things for customers (Partner Center's own rule for MCA). */
export type WriteRole = 'admin' | 'sales';

const ROLE_NAMES: Record<WriteRole, RegExp> = {
  admin: /^admin\s*agent$/i,
  sales: /^sales\s*agent$/i,
};
const CACHE = 'partner.roles';
const CACHE_MS = 15 * 60_000;

/** Entra object ids of the partner's Admin agents and Sales agents, read from Partner Center and cached. */
async function roleMembers(ctx: FeatureContext): Promise<Record<WriteRole, string[]>> {
  const { store, partnerCenter, clock } = ctx.services;
  const cached = await store.cache.get<Record<WriteRole, string[]>>(CACHE, 'members');
  if (cached) return cached;
  const roles = await partnerCenter.listPartnerRoles();
  const members: Record<WriteRole, string[]> = { admin: [], sales: [] };
  for (const role of roles) {
    for (const kind of Object.keys(ROLE_NAMES) as WriteRole[]) {
      if (!ROLE_NAMES[kind].test(role.name.trim())) continue;
      const users = await partnerCenter.listRoleMembers(role.id);
      members[kind].push(...users.map((u) => u.id.toLowerCase()));
    }
  }
  await store.cache.put(CACHE, 'members', members, new Date(clock.now().getTime() + CACHE_MS));
  return members;
}

/**
 * Refuses callers who are not Admin agents or Sales agents in Partner Center. Reading stays open
 * to all partner staff; writes (acceptance requests, notices, invitations) need one of these roles.
 *
 * @example
 * await requireRole(ctx, ['admin', 'sales']);
 */
export async function requireRole(ctx: FeatureContext, allowed: WriteRole[]): Promise<void> {
  if (!ctx.caller.isPartner) {
    throw new AppError('NOT_PARTNER_USER', 'This command is only available to the partner’s staff.');
  }
  const members = await roleMembers(ctx);
  const me = ctx.caller.aadObjectId.toLowerCase();
  if (me && allowed.some((role) => members[role].includes(me))) return;
  throw new AppError(
    'ROLE_REQUIRED',
    `Only ${allowed.map((r) => (r === 'admin' ? 'Admin agents' : 'Sales agents')).join(' and ')} in Partner Center can do this.`,
    { details: { roles: allowed.join(',') } },
  );
}
