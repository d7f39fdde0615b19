import type { FeatureContext, Reply } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import { AppError } from '../../core/errors';
import type { Customer } from '../../partner-center/types';
import { findCustomers, type CustomerQuery } from '../status/find-customers';

/**
 * The one customer a typed query means, read in full; several matches → a card naming them (a
 * notice must not go to the wrong customer, so there is no guessing).
 */
export async function findOneCustomer(
  ctx: FeatureContext,
  query: CustomerQuery,
): Promise<{ customer: Customer } | { reply: Reply }> {
  const matches = await findCustomers(ctx.services, query);
  const [only] = matches;
  if (!only) {
    throw new AppError('CUSTOMER_NOT_FOUND', 'No customer matches.', {
      details: { query: escapeMarkdown(query.value, 80) },
    });
  }
  if (matches.length === 1) return { customer: await ctx.services.partnerCenter.getCustomer(only.id) };
  const s = stringsFor(ctx.locale);
  const names = matches
    .slice(0, 5)
    .map(
      (c) => `${escapeMarkdown(c.companyProfile.companyName)} (${escapeMarkdown(c.companyProfile.domain)})`,
    )
    .join(', ');
  return {
    reply: {
      card: renderNoticeCard(
        {
          title: t(s, 'purchase.several.title', { query: escapeMarkdown(query.value, 80) }),
          message: t(s, 'purchase.several.message', { names }),
          tone: 'warning',
        },
        ctx.locale,
      ),
    },
  };
}
