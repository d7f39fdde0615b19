import type { FeatureContext, Reply } from '../../core/context';
import { displayNames } from './display-names';
import { renderHistoryCard } from './history-card';

const HISTORY_PAGE_SIZE = 10;

/**
 * One page of a customer's audit entries, newest first, older than `beforeId` when given.
 *
 * @example
 * await historyReply(ctx, tenantId, 'Contoso Ltd')
 */
export async function historyReply(
  ctx: FeatureContext,
  tenantId: string,
  companyName: string | undefined,
  beforeId?: number,
): Promise<Reply> {
  const { services } = ctx;
  // One more than shown tells whether "Older entries" leads anywhere.
  const found = await services.store.audit.list({
    customerTenantId: tenantId,
    limit: HISTORY_PAGE_SIZE + 1,
    beforeId,
  });
  const entries = found.slice(0, HISTORY_PAGE_SIZE);
  const names = await displayNames(
    services,
    entries.map((e) => ({ tenantId: e.actorTenantId, aadObjectId: e.actorAadObjectId })),
  );
  const last = entries.at(-1);
  return {
    card: renderHistoryCard({
      tenantId,
      companyName,
      entries,
      nextBeforeId: found.length > HISTORY_PAGE_SIZE ? last?.id : undefined,
      locale: ctx.locale,
      partnerTenantId: services.partner.tenantId,
      names,
    }),
  };
}
