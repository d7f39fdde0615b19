import type { CommandHandler } from '../../core/router';
import { customerHelp } from './customer-help';
import { renderHelpCard } from './help-card';

/** Any text the bot does not understand: say so, and list what it does understand (partners only). */
export const unknownCommand =
  (available: () => readonly string[]): CommandHandler =>
  async (ctx, text) => {
    if (!ctx.caller.isPartner) return customerHelp(ctx, text);
    return {
      card: renderHelpCard({
        locale: ctx.locale,
        partnerName: ctx.services.partner.name,
        variant: 'help',
        available: available(),
        unknownText: text === '' ? undefined : text,
      }),
    };
  };
