import type { FeatureContext, Reply } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import type { Customer } from '../../partner-center/types';
import { matchCustomer, noCustomerMatches, type CustomerQuery } from '../status';

/**
 * The one customer a typed query means, read in full; several matches → a card naming them (a
 * notice must not go to the wrong customer, so there is no guessing).
 */
export async function findOneCustomer(
  ctx: FeatureContext,
  query: CustomerQuery,
): Promise<{ customer: Customer } | { reply: Reply }> {
  const match = await matchCustomer(ctx.services, query);
  if (match.kind === 'none') throw noCustomerMatches(query);
  if (match.kind === 'one')
    return { customer: await ctx.services.partnerCenter.getCustomer(match.summary.id) };
  const s = stringsFor(ctx.locale);
  const names = match.matches
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
