import type { CommandHandler } from '../../core/router';
import { customerStatusReply } from './customer-status-reply';
import { ownCustomer, strangerReply } from './own-customer';
import { partnerAdminCenterReply } from './partner-admin-center-card';

/**
 * Someone typed or pasted the admin center's "Please contact your partner to confirm your consent
 * to the Microsoft customer contract" (admin-center-message.ts recognises it). A customer gets what
 * it means, their own status and the one-click ask; partner staff get the partner's side and a
 * pick-one of customers; anyone else learns nothing.
 */
export const adminCenterMessage: CommandHandler = async (ctx) => {
  if (ctx.caller.isPartner) return partnerAdminCenterReply(ctx);
  const customer = await ownCustomer(ctx);
  return customer ? customerStatusReply(ctx, customer, { explainAdminCenter: true }) : strangerReply(ctx);
};
