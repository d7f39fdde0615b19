import { idFrom } from '../../core/ids';
import { audit } from '../../core/audit';
import type { FeatureContext, Reply } from '../../core/context';
import type { AgreementStatus } from './agreement-status';
import { readStatusByTenantId } from './read-status';
import { rememberStatus } from './status-cache';
import { renderStatusCard } from './status-card';
import { readGdapFacts } from './gdap-facts';
import { accessForCustomer, accessRows } from '../gdap-access';
import { agreementDocumentFor } from './agreement-document';

/** Teams re-renders a card each time someone views it; reads within this window reuse the last answer. */
const AUTOMATIC_REFRESH_REUSE_MS = 2 * 60_000;
const CACHE = 'status.card';

/** Reads card data's tenant id, refusing anything that is not a GUID (card data is user-controlled). */
export function tenantIdFrom(data: Record<string, unknown>): string {
  return idFrom(data, 'tenantId', 'This card does not name a valid customer. Type status <customer> again.');
}

/** The status card for one customer, as the reply to `status`, a pick, or a refresh. */
export async function statusReply(
  ctx: FeatureContext,
  tenantId: string,
  action: 'status.checked' | 'status.refreshed',
  options: { shared?: boolean } = {},
): Promise<Reply> {
  const { services } = ctx;
  let status: AgreementStatus | undefined;
  if (ctx.trigger === 'automatic') status = await services.store.cache.get<AgreementStatus>(CACHE, tenantId);
  if (!status) {
    status = await readStatusByTenantId(services, tenantId);
    const until = new Date(services.clock.now().getTime() + AUTOMATIC_REFRESH_REUSE_MS);
    await services.store.cache.put(CACHE, tenantId, status, until);
    await rememberStatus(services, status);
    await audit(ctx, action, {
      customerTenantId: tenantId,
      details: { state: status.state, ...(status.reason ? { reason: status.reason } : {}) },
      at: status.checkedAt,
    });
  }
  const gdap = await readGdapFacts(services, tenantId, { reuse: ctx.trigger === 'automatic' });
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
