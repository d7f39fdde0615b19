import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import { isAppError } from '../../core/errors';
import type { CommandHandler } from '../../core/router';
import { requireRole } from '../access';
import { findOneCustomer } from './find-one-customer';
import { noticeReply } from './notice-reply';
import { fromThisChat, openNotice } from './open-notice';
import { parseOrderArgs } from './parse-order-args';

/** A stand-in catalog item id; the demo orders by name. */
const catalogItemId = (offer: string) =>
  `DEMO:${offer
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .slice(0, 60)}`;

/**
 * `order <customer> <offer> [x<qty>]`: places a demo order through Partner Center's cart API. A
 * customer without the MCA makes Partner Center refuse it with 13605 (as an HTTP error or a
 * checkout orderError — the client maps both to PC_MCA_REQUIRED), and the bot opens the notice
 * itself. Registered only where the wiring allows demo orders (src/app.ts).
 */
export const order: CommandHandler = async (ctx, args) => {
  await requireRole(ctx, ['admin', 'sales']);
  const parsed = parseOrderArgs(args, 'order');
  const found = await findOneCustomer(ctx, parsed.customer);
  if ('reply' in found) return found.reply;
  const { customer } = found;
  const s = stringsFor(ctx.locale);
  try {
    const placed = await ctx.services.partnerCenter.placeOrder(customer.id, {
      catalogItemId: catalogItemId(parsed.offerName),
      friendlyName: parsed.offerName,
      quantity: parsed.quantity ?? 1,
    });
    const company = escapeMarkdown(customer.companyProfile.companyName);
    const offer = escapeMarkdown(parsed.offerName, 120);
    const ids = placed.orders.map((o) => o.id.slice(0, 8)).join(', ');
    return {
      card: renderNoticeCard(
        {
          title: t(s, 'purchase.ordered.title'),
          message: t(s, 'purchase.ordered.message', { company, offer, order: ids }),
          tone: 'default',
        },
        ctx.locale,
      ),
    };
  } catch (err) {
    if (!isAppError(err, 'PC_MCA_REQUIRED')) throw err;
    const cartId = err.details.cartId;
    const result = await openNotice(ctx.services, {
      customer,
      offerName: parsed.offerName,
      quantity: parsed.quantity,
      orderReference: parsed.orderReference ?? (typeof cartId === 'string' ? cartId : parsed.offerName),
      source: 'order',
      knownBlocked: true,
      ...fromThisChat(ctx),
    });
    return noticeReply(ctx, result, customer);
  }
};
