import type { AuditEntry } from '../store/types';
import type { Services } from './context';

/**
 * Every action this version writes to the audit log (closed: the history card's labels,
 * `history.action.<action>` in cards/locales, are checked against it).
 */
export type AuditAction =
  | 'status.checked'
  | 'status.refreshed'
  | 'access.refused'
  | 'action.forged'
  | 'portfolio.requested'
  | 'digest.subscribed'
  | 'digest.unsubscribed'
  | 'acceptance.requested'
  | 'acceptance.delivered'
  | 'acceptance.check-requested'
  | 'acceptance.question'
  | 'acceptance.finalized'
  | 'acceptance.accepted'
  | 'acceptance.cancelled'
  | 'acceptance.expired'
  | 'acceptance.failed'
  | 'purchase.blocked'
  | 'purchase.notified'
  | 'purchase.reminded'
  | 'purchase.accepted'
  | 'purchase.released'
  | 'purchase.cancelled'
  | 'delivery.unsure'
  | 'delivery.dead-letter'
  | 'relationship.invitation-shown'
  | 'relationship.invitation-sent'
  | 'relationship.accepted'
  | 'relationships.notifications-here'
  | 'webhooks.registered'
  | 'gdap.requested'
  | 'gdap.link-sent'
  | 'gdap.approved'
  | 'gdap.activated'
  | 'gdap.terminated'
  | 'gdap.expired'
  | 'gdap.expiring'
  | 'gdap.access.assigned'
  | 'customer.status'
  | 'customer.asked-link';

/**
 * Who acts: a person (their Entra object id and tenant: the caller, or who started a request), or,
 * when `caller` is absent, the bot itself on the partner's behalf (webhooks, jobs without a person).
 */
export interface AuditContext {
  services: Services;
  caller?: { aadObjectId: string; tenantId: string };
}

/** What happened to whom: ids and small non-personal facts only. */
export interface AuditFacts {
  customerTenantId?: string;
  details?: AuditEntry['details'];
  /** When it happened, if not now (e.g. the time a status was read). */
  at?: string;
}

/**
 * Appends one entry to the audit log (shown by `history`).
 *
 * @example
 * await audit(ctx, 'purchase.cancelled', { customerTenantId, details: { noticeId } });
 * await audit({ services, caller: r.requestedBy }, 'acceptance.delivered', { customerTenantId: r.customerTenantId });
 */
export async function audit(ctx: AuditContext, action: AuditAction, facts: AuditFacts = {}): Promise<void> {
  const { services, caller } = ctx;
  const { at, ...rest } = facts;
  await services.store.audit.append({
    at: at ?? services.clock.now().toISOString(),
    actorAadObjectId: caller?.aadObjectId ?? '',
    actorTenantId: caller?.tenantId ?? services.partner.tenantId,
    action,
    ...rest,
  });
}
