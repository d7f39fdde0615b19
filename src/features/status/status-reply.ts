import { idFrom } from '../../core/ids';
import { audit } from '../../core/audit';
import type { FeatureContext, Reply } from '../../core/context';
import type { AgreementStatus } from './agreement-status';
import { readAgreementStatus } from './read-status';
import { customerForStatus } from './customer-profile';
import { rememberStatus, type StatusSnapshot } from './status-cache';
import { renderStatusCard } from './status-card';
import { readGdapFacts, type GdapFacts } from './gdap-facts';
import type { Customer } from '../../partner-center/types';
import { accessForCustomer, accessRows } from '../gdap-access';
import { agreementDocumentFor } from './agreement-document';

/** Teams re-renders a card each time someone views it; reads within this window reuse the last answer. */
const AUTOMATIC_REFRESH_REUSE_MS = 2 * 60_000;
const CACHE = 'status.card';

/** Reads card data's tenant id, refusing anything that is not a GUID (card data is user-controlled). */
export function tenantIdFrom(data: Record<string, unknown>): string {
  return idFrom(data, 'tenantId', 'This card does not name a valid customer. Type status <customer> again.');
}

/**
 * Reads the customer's acceptance from Partner Center (always: that is what a status is for) and
 * keeps it for the card's automatic refresh, the portfolio and `history`.
 */
async function readAndKeep(
  ctx: FeatureContext,
  tenantId: string,
  customer: Customer,
  kept: { profileReadAt?: string; known?: StatusSnapshot },
  action: 'status.checked' | 'status.refreshed',
): Promise<AgreementStatus> {
  const { services } = ctx;
  const status = await readAgreementStatus(services, customer);
  const until = new Date(services.clock.now().getTime() + AUTOMATIC_REFRESH_REUSE_MS);
  await services.store.cache.put(CACHE, tenantId, status, until);
  await rememberStatus(services, status, kept.profileReadAt, kept.known);
  await audit(ctx, action, {
    customerTenantId: tenantId,
    details: { state: status.state, ...(status.reason ? { reason: status.reason } : {}) },
    at: status.checkedAt,
  });
  return status;
}

/** The status card for one customer, as the reply to `status`, a pick, or a refresh. */
export async function statusReply(
  ctx: FeatureContext,
  tenantId: string,
  action: 'status.checked' | 'status.refreshed',
  options: { shared?: boolean } = {},
): Promise<Reply> {
  const { services } = ctx;
  const automatic = ctx.trigger === 'automatic';
  const cached = automatic ? await services.store.cache.get<AgreementStatus>(CACHE, tenantId) : undefined;
  let status: AgreementStatus;
  let gdap: GdapFacts;
  if (cached) {
    status = cached;
    gdap = await readGdapFacts(services, tenantId, { reuse: true });
  } else {
    // First the customer (which also proves it is this partner's); the billing country and culture
    // are reused for a day unless the partner pressed Refresh. Then the agreement reads and
    // Graph's GDAP read together: they do not depend on each other.
    const fresh = action === 'status.refreshed' && !automatic;
    const { customer, ...kept } = await customerForStatus(services, tenantId, { fresh });
    [status, gdap] = await Promise.all([
      readAndKeep(ctx, tenantId, customer, kept, action),
      readGdapFacts(services, tenantId, { reuse: automatic }),
    ]);
  }
  const active = new Set(gdap.ok ? gdap.active.map((a) => a.relationshipId.toLowerCase()) : []);
  const card = renderStatusCard(status, {
    gdap,
    accessRows: accessRows(await accessForCustomer(services, tenantId), active, ctx.locale),
    locale: ctx.locale,
    refreshUserIds: options.shared ? [] : [ctx.caller.id],
    refreshForEveryone: options.shared,
    document: agreementDocumentFor(services.links, status.customer.country, status.customer.culture),
  });
  return { card };
}
