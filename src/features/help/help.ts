import type { CommandHandler } from '../../core/router';
import { customerWelcomeReply } from '../customers';
import { renderHelpCard } from './help-card';

/** A customer's `help`: what the app does for them, with Check my status. */
const customerHelp: CommandHandler = async (ctx) => customerWelcomeReply(ctx);

/** Example customer for the "Try" button: a short, common prefix keeps it valid for any portfolio. */
const EXAMPLE = 'contoso';

/** `help`: the list of commands (for customers: what the app does for them). */
export const help: CommandHandler = async (ctx, args) =>
  ctx.caller.isPartner ? partnerHelp(ctx, args) : customerHelp(ctx, args);

const partnerHelp: CommandHandler = async (ctx) => ({
  card: renderHelpCard({
    locale: ctx.locale,
    partnerName: ctx.services.partner.name,
    variant: 'help',
    example: ctx.caller.isPartner ? EXAMPLE : undefined,
  }),
});
