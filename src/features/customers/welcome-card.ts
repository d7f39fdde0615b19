import type { FeatureContext, Reply } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate } from '../../cards/render';

/** What the app does for a customer, with **Check my status** (on install, and when a customer types help). */
export function customerWelcomeReply(ctx: FeatureContext): Reply {
  const s = stringsFor(ctx.locale);
  const partner = escapeMarkdown(ctx.services.partner.name, 80);
  return {
    card: renderTemplate('customer-welcome', ctx.locale, {
      title: t(s, 'customer.welcome.title', { partner }),
      message: t(s, 'customer.welcome.message', { partner }),
      hint: t(s, 'customer.welcome.hint', { partner }),
    }),
  };
}
