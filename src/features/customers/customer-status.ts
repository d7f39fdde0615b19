import type { CommandHandler } from '../../core/router';
import { customerStatusReply } from './customer-status-reply';
import { ownCustomer, strangerReply } from './own-customer';

/**
 * `status` typed by a customer admin in their own tenant: their company's MCA status. Whatever
 * follows the word is ignored — a customer only ever sees their own tenant.
 */
export const customerStatus: CommandHandler = async (ctx) => {
  const customer = await ownCustomer(ctx);
  return customer ? customerStatusReply(ctx, customer) : strangerReply(ctx);
};
