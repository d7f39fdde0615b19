import type { CommandHandler } from '../../core/router';
import { renderHelpCard } from './help-card';

/** Example customer for the "Try" button: a short, common prefix keeps it valid for any portfolio. */
const EXAMPLE = 'contoso';

/** `help`: the list of commands. */
export const help: CommandHandler = async (ctx) => ({
  card: renderHelpCard({
    locale: ctx.locale,
    partnerName: ctx.services.partner.name,
    variant: 'help',
    example: ctx.caller.isPartner ? EXAMPLE : undefined,
  }),
});
