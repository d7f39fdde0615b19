import type { FeatureContext, Reply } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { isAppError } from '../../core/errors';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import { renderTemplate } from '../../cards/render';

/**
 * The app installed (or first used) in another tenant: Partner Center decides whether it is one of
 * our customers. Only then is the conversation kept, to reach them later.
 */
export async function customerInstall(ctx: FeatureContext): Promise<{ reply: Reply; remember: boolean }> {
  const s = stringsFor(ctx.locale);
  const partner = escapeMarkdown(ctx.services.partner.name, 80);
  let isCustomer = false;
  try {
    await ctx.services.partnerCenter.getCustomer(ctx.caller.tenantId);
    isCustomer = true;
  } catch (err) {
    if (!isAppError(err, 'PC_NOT_FOUND') && !isAppError(err, 'INPUT_INVALID')) throw err;
  }
  if (isCustomer) {
    // Customers can help themselves from the first message: Check my status.
    const card = renderTemplate('customer-welcome', ctx.locale, {
      title: t(s, 'customer.welcome.title', { partner }),
      message: t(s, 'customer.welcome.message', { partner }),
      hint: t(s, 'customer.welcome.hint', { partner }),
    });
    return { remember: true, reply: { card } };
  }
  const key = 'customer.notCustomer';
  return {
    remember: false,
    reply: {
      card: renderNoticeCard(
        {
          title: t(s, `${key}.title`, { partner }),
          message: t(s, `${key}.message`, { partner }),
          tone: 'default',
        },
        ctx.locale,
      ),
    },
  };
}
