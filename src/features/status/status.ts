import type { CommandHandler } from '../../core/router';
import { AppError } from '../../core/errors';
import { escapeMarkdown } from '../../cards/escape';
import { findCustomers, parseCustomerQuery } from './find-customers';
import { renderPickCustomerCard } from './pick-customer-card';
import { statusReply } from './status-reply';

/** `status <name | domain | tenant id>`: one match → status card; several → pick one; none → a clear "not found". */
export const status: CommandHandler = async (ctx, args) => {
  const query = parseCustomerQuery(args);
  const matches = await findCustomers(ctx.services, query);
  if (matches.length === 0) {
    throw new AppError('CUSTOMER_NOT_FOUND', 'No customer matches.', {
      details: { query: escapeMarkdown(query.value, 80) },
    });
  }
  const [only] = matches;
  if (matches.length === 1 && only) return statusReply(ctx, only.id, 'status.checked');
  return { card: renderPickCustomerCard(query.value, matches, ctx.locale) };
};
