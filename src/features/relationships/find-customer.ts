import type { FeatureContext, Reply } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';
import type { Customer } from '../../partner-center/types';
import { findCustomers, parseCustomerQuery } from '../status/find-customers';
import { renderPickCustomerCard } from '../status/pick-customer-card';

export type CustomerLookup =
  { kind: 'one'; customer: Customer } | { kind: 'many'; reply: Reply } | { kind: 'none'; query: string };

/** What the partner typed after `invite` or `gdap`: one customer, a pick-one card, or nothing found. */
export async function lookUpCustomer(ctx: FeatureContext, args: string): Promise<CustomerLookup> {
  const query = parseCustomerQuery(args);
  const matches = await findCustomers(ctx.services, query);
  const [only] = matches;
  if (matches.length === 0 || !only) return { kind: 'none', query: query.value };
  if (matches.length > 1)
    return { kind: 'many', reply: { card: renderPickCustomerCard(query.value, matches, ctx.locale) } };
  return { kind: 'one', customer: await customerById(ctx, only.id) };
}

export async function customerById(ctx: FeatureContext, tenantId: string): Promise<Customer> {
  try {
    return await ctx.services.partnerCenter.getCustomer(tenantId);
  } catch (err) {
    if (isAppError(err, 'PC_NOT_FOUND')) {
      throw new AppError(
        'CUSTOMER_NOT_FOUND',
        'No customer with this tenant id is linked to your partner account.',
        { cause: err },
      );
    }
    throw err;
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GDAP_ID = /^[0-9a-f-]{36,73}$/i;

/** Card data is user-controlled: only a GUID passes as a tenant id. */
export function tenantIdOf(data: Record<string, unknown>): string {
  const value = data.tenantId;
  if (typeof value !== 'string' || !GUID.test(value)) {
    throw new AppError('INPUT_INVALID', 'This card does not name a valid customer. Type the command again.');
  }
  return value.toLowerCase();
}

export function relationshipIdOf(data: Record<string, unknown>): string {
  const value = data.relationshipId;
  if (typeof value !== 'string' || !GDAP_ID.test(value)) {
    throw new AppError(
      'INPUT_INVALID',
      'This card does not name a valid admin relationship. Type gdap <customer> again.',
    );
  }
  return value.toLowerCase();
}
