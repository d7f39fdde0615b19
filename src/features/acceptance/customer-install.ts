import type { FeatureContext, Reply } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { isAppError } from '../../core/errors';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';

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
  const key = isCustomer ? 'customer.welcome' : 'customer.notCustomer';
  return {
    remember: isCustomer,
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
