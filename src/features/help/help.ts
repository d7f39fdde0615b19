import type { FeatureContext, Reply } from '../../core/context';
import type { CommandHandler } from '../../core/router';
import { customerHelp } from './customer-help';
import { renderHelpCard } from './help-card';

/** Example customer for the "Try" button: a short, common prefix keeps it valid for any portfolio. */
const EXAMPLE = 'contoso';

/**
 * The command list for partner staff (`available`: the registered command words); customers and
 * strangers get the customer text only. `unknownText` says what was not understood.
 */
export async function helpReply(
  ctx: FeatureContext,
  available: readonly string[],
  unknownText?: string,
): Promise<Reply> {
  if (!ctx.caller.isPartner) return customerHelp(ctx, unknownText ?? '');
  return {
    card: renderHelpCard({
      locale: ctx.locale,
      partnerName: ctx.services.partner.name,
      variant: 'help',
      available,
      ...(unknownText ? { unknownText } : { example: EXAMPLE }),
    }),
  };
}

/** `help`: every partner command this app has, with its arguments (read at each call). */
export const help =
  (available: () => readonly string[]): CommandHandler =>
  (ctx) =>
    helpReply(ctx, available());
