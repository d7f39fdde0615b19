import type { Services } from '../../core/context';
import { customerById } from '../status';
import { openNotice, type OpenNoticeResult } from './open-notice';
import type { PurchaseInput } from './purchase-input';

/**
 * A purchase the partner's ordering system reports as refused (`POST /api/purchase-blocked`): the
 * tenant must be our customer; then the notice opens like one typed in Teams, tracked in the
 * partner's notification channel.
 *
 * @example
 * const result = await reportBlockedPurchase(services, input);
 * if (result.kind === 'satisfied') answer(200, { mcaSatisfied: true });
 */
export async function reportBlockedPurchase(
  services: Services,
  input: PurchaseInput,
): Promise<OpenNoticeResult> {
  const customer = await customerById(
    services,
    input.customerTenantId,
    'This tenant is not one of your customers in Partner Center.',
  );
  return openNotice(services, {
    customer,
    offerName: input.offerName,
    quantity: input.quantity,
    orderReference: input.orderReference,
    idempotencyKey: input.idempotencyKey,
    source: 'api',
    requestedBy: { aadObjectId: '', tenantId: services.partner.tenantId },
  });
}
