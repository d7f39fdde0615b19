import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import type { CommandHandler } from '../../core/router';
import { lookUpCustomer } from './find-customer';
import { inviteReply } from './invitation';

/**
 * `invite [customer]`: the reseller invitation with its disclosure. With a customer that Partner
 * Center knows, the invitation is tracked; a customer already related gets "already your customer";
 * no customer gets the general link; a name Partner Center does not know is said so, then the general link.
 */
export const invite: CommandHandler = async (ctx, args) => {
  if (args.trim() === '') return inviteReply(ctx);
  const found = await lookUpCustomer(ctx, args);
  if (found.kind === 'many') return found.reply;
  // Not found: say so first, then the general link (a new customer is in Partner Center only once related).
  if (found.kind === 'one') return inviteReply(ctx, found.customer);
  const s = stringsFor(ctx.locale);
  return inviteReply(
    ctx,
    undefined,
    t(s, 'relationship.invite.notFound', { query: escapeMarkdown(found.query.value, 80) }),
  );
};
