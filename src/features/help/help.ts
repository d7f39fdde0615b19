import type { CommandHandler } from '../../core/router';
import { customerHelp } from './customer-help';
import { renderHelpCard } from './help-card';

/** Example customer for the "Try" button: a short, common prefix keeps it valid for any portfolio. */
const EXAMPLE = 'contoso';

/**
 * `help`: every partner command this app has, with its arguments; customers and strangers get the
 * customer text only. `available` lists the registered command words (read at each call).
 */
export const help =
  (available: () => readonly string[]): CommandHandler =>
  async (ctx, args) => {
    if (!ctx.caller.isPartner) return customerHelp(ctx, args);
    return {
      card: renderHelpCard({
        locale: ctx.locale,
        partnerName: ctx.services.partner.name,
        variant: 'help',
        available: available(),
        example: EXAMPLE,
      }),
    };
  };
