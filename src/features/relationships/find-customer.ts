import { idFrom } from '../../core/ids';
import type { FeatureContext, Reply } from '../../core/context';
import type { Customer } from '../../partner-center/types';
import {
  customerById,
  matchCustomer,
  parseCustomerQuery,
  renderPickCustomerCard,
  type CustomerQuery,
} from '../status';

export type CustomerLookup =
  | { kind: 'one'; customer: Customer }
  | { kind: 'many'; reply: Reply }
  | { kind: 'none'; query: CustomerQuery };

/** What the partner typed after `invite` or `gdap`: one customer, a pick-one card, or nothing found. */
export async function lookUpCustomer(ctx: FeatureContext, args: string): Promise<CustomerLookup> {
  const query = parseCustomerQuery(args);
  const match = await matchCustomer(ctx.services, query);
  if (match.kind === 'none') return { kind: 'none', query };
  if (match.kind === 'several')
    return { kind: 'many', reply: { card: renderPickCustomerCard(query.value, match.matches, ctx.locale) } };
  return { kind: 'one', customer: await customerById(ctx.services, match.summary.id) };
}

/** Card data is user-controlled: only a GUID passes as a tenant id. */
export function tenantIdOf(data: Record<string, unknown>): string {
  return idFrom(data, 'tenantId', 'This card does not name a valid customer. Type the command again.');
}
