import type { CommandHandler } from '../../core/router';
import { requireRole } from '../access';
import { findOneCustomer } from './find-one-customer';
import { noticeReply } from './notice-reply';
import { fromThisChat, openNotice } from './open-notice';
import { parseOrderArgs } from './parse-order-args';

/**
 * `notify <customer> <offer> [x<qty>] [#<order ref>]`: a partner tells the bot that Partner Center
 * refused an order (13605). Already accepted → said so; else the customer is told their purchase is
 * on hold (with the acceptance actions) and this reply tracks it. Admin and Sales agents only.
 */
export const notify: CommandHandler = async (ctx, args) => {
  await requireRole(ctx, ['admin', 'sales']);
  const parsed = parseOrderArgs(args, 'notify');
  const found = await findOneCustomer(ctx, parsed.customer);
  if ('reply' in found) return found.reply;
  const result = await openNotice(ctx.services, {
    customer: found.customer,
    offerName: parsed.offerName,
    quantity: parsed.quantity,
    // Without a reference the offer names the order, so typing the same notify twice finds the first.
    orderReference: parsed.orderReference ?? parsed.offerName,
    source: 'teams',
    ...fromThisChat(ctx),
  });
  return noticeReply(ctx, result, found.customer);
};
