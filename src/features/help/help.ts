import type { CommandHandler } from '../../core/router';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import { renderHelpCard } from './help-card';

const customerHelp: CommandHandler = async (ctx) => {
  const s = stringsFor(ctx.locale);
  const partner = escapeMarkdown(ctx.services.partner.name, 80);
  return {
    card: renderNoticeCard(
      {
        title: t(s, 'customer.welcome.title', { partner }),
        message: t(s, 'customer.welcome.message', { partner }),
        tone: 'default',
      },
      ctx.locale,
    ),
  };
};

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
