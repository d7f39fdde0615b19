import type { CommandHandler } from '../../core/router';
import { matchCustomer, noCustomerMatches } from './customer-lookup';
import { parseCustomerQuery } from './find-customers';
import { renderPickCustomerCard } from './pick-customer-card';
import { statusReply } from './status-reply';

/** `status <name | domain | tenant id>`: one match → status card; several → pick one; none → a clear "not found". */
export const status: CommandHandler = async (ctx, args) => {
  const query = parseCustomerQuery(args);
  const match = await matchCustomer(ctx.services, query);
  if (match.kind === 'none') throw noCustomerMatches(query);
  if (match.kind === 'one') return statusReply(ctx, match.summary.id, 'status.checked');
  return { card: renderPickCustomerCard(query.value, match.matches, ctx.locale) };
};
