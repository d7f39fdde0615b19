import type { Services } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';
import type { Customer } from '../../partner-center/types';
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
  let customer: Customer;
  try {
    customer = await services.partnerCenter.getCustomer(input.customerTenantId);
  } catch (err) {
    if (isAppError(err, 'PC_NOT_FOUND')) {
      throw new AppError(
        'CUSTOMER_NOT_FOUND',
        'This tenant is not one of your customers in Partner Center.',
        {
          cause: err,
        },
      );
    }
    throw err;
  }
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
