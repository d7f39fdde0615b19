import { escapeMarkdown } from '../../cards/escape';
import type { Services } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';
import type { Customer, CustomerSummary } from '../../partner-center/types';
import { findCustomers, type CustomerQuery } from './find-customers';

/** What a command's customer argument names: one customer, several to choose from, or none. */
export type CustomerMatch =
  | { kind: 'one'; summary: CustomerSummary }
  | { kind: 'several'; matches: CustomerSummary[] }
  | { kind: 'none' };

/**
 * The one lookup for "the customer this command names" (`status`, `request`, `notify`, `invite`,
 * `gdap`, `history`). Each command decides what several or no matches mean for it.
 *
 * @example
 * const match = await matchCustomer(ctx.services, parseCustomerQuery(args));
 * if (match.kind === 'none') throw noCustomerMatches(query);
 */
export async function matchCustomer(services: Services, query: CustomerQuery): Promise<CustomerMatch> {
  const matches = await findCustomers(services, query);
  const [only] = matches;
  if (!only) return { kind: 'none' };
  return matches.length === 1 ? { kind: 'one', summary: only } : { kind: 'several', matches };
}

/** The error for a query nothing matched (the card repeats the query, escaped). */
export function noCustomerMatches(query: CustomerQuery): AppError {
  return new AppError('CUSTOMER_NOT_FOUND', 'No customer matches.', {
    details: { query: escapeMarkdown(query.value, 80) },
  });
}

/**
 * A customer read in full by tenant id; one this partner does not have is CUSTOMER_NOT_FOUND.
 *
 * @example
 * const customer = await customerById(services, tenantIdFrom(data));
 */
export async function customerById(
  services: Services,
  tenantId: string,
  message = 'No customer with this tenant id is linked to your partner account.',
): Promise<Customer> {
  try {
    return await services.partnerCenter.getCustomer(tenantId);
  } catch (err) {
    if (isAppError(err, 'PC_NOT_FOUND')) throw new AppError('CUSTOMER_NOT_FOUND', message, { cause: err });
    throw err;
  }
}
