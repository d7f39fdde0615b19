import { escapeMarkdown } from '../../cards/escape';
import { AppError } from '../../core/errors';
import type { CommandHandler } from '../../core/router';
import { matchCustomer, noCustomerMatches, parseCustomerQuery } from '../status';
import { historyReply } from './history-reply';

/**
 * `history <company, domain or tenant id>`: who checked, requested or sent what for the customer,
 * and when. A tenant id shows its history even if the customer has left the partner since.
 */
export const history: CommandHandler = async (ctx, args) => {
  if (args.trim() === '') {
    throw new AppError(
      'INPUT_INVALID',
      'Tell me which customer: `history` followed by a company name, a domain or a tenant id.',
    );
  }
  const query = parseCustomerQuery(args);
  const match = await matchCustomer(ctx.services, query);
  if (match.kind === 'one') {
    return historyReply(ctx, match.summary.id.toLowerCase(), match.summary.companyProfile.companyName);
  }
  if (match.kind === 'none' && query.kind === 'tenantId') return historyReply(ctx, query.value, undefined);
  if (match.kind === 'none') throw noCustomerMatches(query);
  const { matches } = match;
  const names = matches
    .slice(0, 5)
    .map(
      (c) =>
        `${escapeMarkdown(c.companyProfile.companyName, 60)} (${escapeMarkdown(c.companyProfile.domain, 60)})`,
    )
    .join(', ');
  throw new AppError(
    'INPUT_INVALID',
    `Several customers match: ${names}${matches.length > 5 ? ', …' : ''}. Type history followed by the domain or tenant id of the one you mean.`,
  );
};
