import type { VerbHandler } from '../../core/router';
import { customerStatusReply } from './customer-status-reply';
import { ownCustomer, strangerReply } from './own-customer';

/**
 * `checkMyStatus` (customer: **Check my status** on the welcome card, **Refresh**, and
 * **I've accepted** with `{ accepted: true }`, which re-checks an open request first).
 * Card data never names a tenant: the caller's own is used.
 */
export const checkMyStatus: VerbHandler = async (ctx, data) => {
  const customer = await ownCustomer(ctx);
  if (!customer) return strangerReply(ctx);
  return customerStatusReply(ctx, customer, { recheck: data.accepted === true });
};
