import type { CommandHandler } from '../../core/router';
import { lookUpCustomer } from './find-customer';
import { inviteReply } from './invitation';

/**
 * `invite [customer]`: the reseller invitation with its disclosure. With a customer that Partner
 * Center knows, the invitation is tracked; a customer already related gets "already your customer";
 * no customer (or a new one Partner Center does not know yet) gets the general link.
 */
export const invite: CommandHandler = async (ctx, args) => {
  if (args.trim() === '') return inviteReply(ctx);
  const found = await lookUpCustomer(ctx, args);
  if (found.kind === 'many') return found.reply;
  return inviteReply(ctx, found.kind === 'one' ? found.customer : undefined);
};
