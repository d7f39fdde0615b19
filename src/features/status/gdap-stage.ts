import type { GdapStatus } from '../../graph/gdap';
import { t, type Strings } from '../../cards/i18n';

/** What the partner sees: Graph's ten statuses folded into the stages that matter to them. */
export type GdapStage =
  'created' | 'approvalPending' | 'approved' | 'active' | 'expiring' | 'expired' | 'terminated' | 'unknown';

/** An active relationship ending within this many days is flagged, with a Renew button. */
export const EXPIRING_WITHIN_DAYS = 30;
const DAY_MS = 86_400_000;

export function daysLeft(endDateTime: string | undefined, now: Date): number | undefined {
  if (!endDateTime) return undefined;
  const end = Date.parse(endDateTime);
  return Number.isNaN(end) ? undefined : Math.ceil((end - now.getTime()) / DAY_MS);
}

/**
 * @example
 * gdapStage({ status: 'active', endDateTime: '2026-03-20T00:00:00Z' }, new Date('2026-03-02T00:00:00Z')) // 'expiring'
 */
export function gdapStage(r: { status: GdapStatus; endDateTime?: string }, now: Date): GdapStage {
  switch (r.status) {
    case 'created':
      return 'created';
    case 'approvalPending':
      return 'approvalPending';
    case 'approved':
    case 'activating':
      return 'approved';
    case 'active':
    case 'expiring': {
      const left = daysLeft(r.endDateTime, now);
      if (left !== undefined && left <= 0) return 'expired';
      return r.status === 'expiring' || (left !== undefined && left <= EXPIRING_WITHIN_DAYS)
        ? 'expiring'
        : 'active';
    }
    case 'expired':
      return 'expired';
    case 'terminationRequested':
    case 'terminating':
    case 'terminated':
      return 'terminated';
    default:
      // unknownFutureValue: Graph has a newer status than this bot knows; say so rather than guess.
      return 'unknown';
  }
}

/**
 * Least-privilege role presets for GDAP requests, with Entra role template ids
 * (learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference).
 * Global Administrator is offered last and only with an explicit confirmation.
 */
export const GDAP_ROLES = [
  { key: 'helpdesk', id: '729827e3-9c14-49f7-bb1b-9608f156bbb8' },
  { key: 'user', id: 'fe930be7-5e62-47db-91af-98c3a49a38b1' },
  { key: 'license', id: '4d6ac14f-3453-41d0-bef9-a3e0c569773a' },
  { key: 'serviceSupport', id: 'f023fd81-a637-4b56-95fd-791ac0226033' },
  { key: 'globalAdmin', id: '62e90394-69f5-4237-9190-012177145e10' },
] as const;

export type GdapRoleKey = (typeof GDAP_ROLES)[number]['key'];
export const GLOBAL_ADMINISTRATOR_ID = '62e90394-69f5-4237-9190-012177145e10';

/** Short role names for facts and messages; unknown ids (made outside the bot) read as "other role". */
export function roleNames(ids: readonly string[], s: Strings): string {
  return ids
    .map((id) => GDAP_ROLES.find((r) => r.id === id.toLowerCase()))
    .map((r) => t(s, r ? `gdap.roleName.${r.key}` : 'gdap.roleName.other'))
    .join(', ');
}
