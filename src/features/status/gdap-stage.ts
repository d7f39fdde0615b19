import type { GdapStatus } from '../../graph/gdap';

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
