import { audit } from '../../core/audit';
import type { FeatureContext, Reply } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import type { Customer } from '../../partner-center/types';

/**
 * The caller's own company, if Partner Center knows it as this partner's customer. Only the
 * caller's tenant is ever looked up — never an id from card data or typed text — so a customer can
 * only see their own data. Undefined for anyone else (audited; they learn nothing).
 */
export async function ownCustomer(ctx: FeatureContext): Promise<Customer | undefined> {
  if (ctx.caller.isPartner) {
    throw new AppError(
      'INPUT_INVALID',
      'This button is for your customers, in their own Teams. To see a customer’s status type status <customer>.',
    );
  }
  try {
    return await ctx.services.partnerCenter.getCustomer(ctx.caller.tenantId);
  } catch (err) {
    if (!isAppError(err, 'PC_NOT_FOUND') && !isAppError(err, 'INPUT_INVALID')) throw err;
  }
  await audit(ctx, 'access.refused', { details: { reason: 'not-a-customer' } });
  return undefined;
}

/** What a user of a tenant that is not this partner's customer sees: the same as on install, nothing more. */
export function strangerReply(ctx: FeatureContext): Reply {
  const s = stringsFor(ctx.locale);
  const partner = escapeMarkdown(ctx.services.partner.name, 80);
  return {
    card: renderNoticeCard(
      {
        title: t(s, 'customer.notCustomer.title', { partner }),
        message: t(s, 'customer.notCustomer.message', { partner }),
        tone: 'default',
      },
      ctx.locale,
    ),
  };
}
