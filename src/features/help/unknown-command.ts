import type { CommandHandler } from '../../core/router';
import { renderHelpCard } from './help-card';

/** Any text the bot does not understand: say so, and list what it does understand. */
export const unknownCommand: CommandHandler = async (ctx, text) => ({
  card: renderHelpCard({
    locale: ctx.locale,
    partnerName: ctx.services.partner.name,
    variant: 'help',
    unknownText: text === '' ? undefined : text,
  }),
});
