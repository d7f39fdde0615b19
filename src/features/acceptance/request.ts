import { AppError } from '../../core/errors';
import type { CommandHandler } from '../../core/router';
import { escapeMarkdown } from '../../cards/escape';
import { findCustomers, parseCustomerQuery } from '../status/find-customers';
import { renderPickCustomerCard } from '../status/pick-customer-card';
import { requestFormReply } from './request-form';

/** `request <customer>`: the acceptance request form for that customer (several matches: pick one first). */
export const request: CommandHandler = async (ctx, args) => {
  const query = parseCustomerQuery(args);
  const matches = await findCustomers(ctx.services, query);
  const [only] = matches;
  if (!only) {
    throw new AppError('CUSTOMER_NOT_FOUND', 'No customer matches.', {
      details: { query: escapeMarkdown(query.value, 80) },
    });
  }
  if (matches.length > 1) return { card: renderPickCustomerCard(query.value, matches, ctx.locale) };
  return requestFormReply(ctx, await ctx.services.partnerCenter.getCustomer(only.id));
};
