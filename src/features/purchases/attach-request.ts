import type { Services } from '../../core/context';
import { openOrJoinRequest } from '../acceptance';
import { enqueueNoticeJob, NOTICE_JOBS } from './notice-jobs';
import { isNoticeOpen, updateNotice, type PurchaseNotice } from './notice-store';

/**
 * Hooks a notice onto the customer's acceptance request: the open one, or a new one from the
 * billing profile. A new request's own card carries the on-hold line (one card for the customer);
 * joining an existing request means the notice sends its own on-hold card, keyed by request so a
 * renewed request gets a new card.
 *
 * @example
 * const opened = await attachRequest(services, notice);
 */
export async function attachRequest(
  services: Services,
  n: PurchaseNotice,
): Promise<PurchaseNotice | undefined> {
  const customer = await services.partnerCenter.getCustomer(n.customerTenantId);
  const partner = n.partner ?? { tenantId: services.partner.tenantId, conversationId: '', locale: 'en-US' };
  const { request, created } = await openOrJoinRequest(
    services,
    customer,
    n.requestedBy,
    { tenantId: partner.tenantId, conversationId: partner.conversationId },
    {
      partnerLocale: partner.locale,
      purchase: { offerName: n.offerName, quantity: n.quantity },
      // The purchase.open job may run twice (a crash, a lease taken over): the second run must not
      // see the request its first run opened as someone else's and send a second card.
      openedFor: `purchase-notice:${n.id}`,
    },
  );
  const result = await updateNotice(services, n.id, (c) =>
    isNoticeOpen(c)
      ? {
          ...c,
          state: 'open',
          requestId: request.id,
          customerCard: created ? 'request' : 'own',
          customerLocale: request.customerLocale,
          delivery: undefined,
          lastError: undefined,
        }
      : undefined,
  );
  if (result?.after.customerCard === 'own') {
    await enqueueNoticeJob(services, NOTICE_JOBS.hold, n.id, {
      requestId: request.id,
    });
  }
  return result?.after;
}
