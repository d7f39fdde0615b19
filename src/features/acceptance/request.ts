import type { CommandHandler } from '../../core/router';
import { matchCustomer, noCustomerMatches, parseCustomerQuery, renderPickCustomerCard } from '../status';
import { requestFormReply } from './request-form';

/** `request <customer>`: the acceptance request form for that customer (several matches: pick one first). */
export const request: CommandHandler = async (ctx, args) => {
  const query = parseCustomerQuery(args);
  const match = await matchCustomer(ctx.services, query);
  if (match.kind === 'none') throw noCustomerMatches(query);
  if (match.kind === 'several')
    return { card: renderPickCustomerCard(query.value, match.matches, ctx.locale) };
  return requestFormReply(ctx, await ctx.services.partnerCenter.getCustomer(match.summary.id));
};
