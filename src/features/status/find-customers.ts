import { GUID } from '../../core/ids';
import { AppError } from '../../core/errors';
import type { Services } from '../../core/context';
import type { CustomerSummary } from '../../partner-center/types';
import { customerDirectory, customerDirectoryIfKept, refreshCustomerDirectory } from './customer-directory';
import { findInDirectory, searchDirectory } from './directory-search';

export const MAX_QUERY_LENGTH = 200;
/** How many matches the pick-one card lists; more means "type more of the name". */
export const MAX_MATCHES = 10;

// Five dash-separated groups of GUID length: meant as a tenant id but mistyped.
const GUID_LIKE = /^(?=.{30,40}$)[0-9a-z]+(-[0-9a-z]+){4}$/i;
const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

export type CustomerQuery =
  { kind: 'tenantId'; value: string } | { kind: 'domain'; value: string } | { kind: 'name'; value: string };

/**
 * Classifies what the partner typed after `status`. Throws INPUT_INVALID with a message that
 * says how to ask instead.
 *
 * @example
 * parseCustomerQuery('contoso.onmicrosoft.com') // { kind: 'domain', value: 'contoso.onmicrosoft.com' }
 */
export function parseCustomerQuery(raw: string): CustomerQuery {
  if (CONTROL.test(raw)) {
    throw new AppError(
      'INPUT_INVALID',
      'The customer name contains control characters. Type it again as plain text.',
    );
  }
  const value = raw
    .trim()
    .replace(/^["'“”„]+|["'“”„]+$/g, '')
    .replace(/\s+/g, ' ');
  if (value === '') {
    throw new AppError(
      'INPUT_INVALID',
      'Tell me which customer: `status` followed by a company name, a domain or a tenant id.',
    );
  }
  if (value.length > MAX_QUERY_LENGTH) {
    throw new AppError(
      'INPUT_INVALID',
      `That is longer than ${MAX_QUERY_LENGTH} characters. Type the start of the company name, its domain or its tenant id.`,
    );
  }
  if (GUID.test(value)) return { kind: 'tenantId', value: value.toLowerCase() };
  if (GUID_LIKE.test(value)) {
    throw new AppError(
      'INPUT_INVALID',
      'That looks like a tenant id but is not a valid GUID (it should look like 8-4-4-4-12 hexadecimal digits). Check it, or search by company name.',
    );
  }
  if (!value.includes(' ') && DOMAIN.test(value)) return { kind: 'domain', value: value.toLowerCase() };
  return { kind: 'name', value };
}

/**
 * Finds the customers a query means: one by tenant id, or prefix matches on domain or company name,
 * from the customer directory (no Partner Center call). A query the directory cannot answer goes
 * to Partner Center as before — a customer added since the listing — and, when it knows more, the
 * directory is listed again in the background. Last, any word of a name (accents ignored).
 */
export async function findCustomers(services: Services, query: CustomerQuery): Promise<CustomerSummary[]> {
  const limit = MAX_MATCHES + 1;
  const directory = await customerDirectoryIfKept(services);
  const local = directory ? findInDirectory(directory, query, limit) : [];
  if (local.length > 0) return local;
  const remote = await askPartnerCenter(services, query, limit);
  if (remote.length > 0) {
    if (directory) refreshCustomerDirectory(services);
    return remote;
  }
  if (query.kind === 'tenantId') return [];
  return searchDirectory(directory ?? (await customerDirectory(services)), query.value, limit);
}

/** Partner Center's own lookups: the customer by tenant id, or its prefix filter on domain, then company name. */
async function askPartnerCenter(
  services: Services,
  query: CustomerQuery,
  limit: number,
): Promise<CustomerSummary[]> {
  const pc = services.partnerCenter;
  if (query.kind === 'tenantId') {
    try {
      const c = await pc.getCustomer(query.value);
      return [{ id: c.id, companyProfile: c.companyProfile, relationshipToPartner: c.relationshipToPartner }];
    } catch (err) {
      if (err instanceof AppError && err.code === 'PC_NOT_FOUND') return [];
      throw err;
    }
  }
  if (query.kind === 'domain') {
    const byDomain = await pc.searchCustomers('Domain', query.value, { limit });
    const exact = byDomain.filter((c) => c.companyProfile.domain.toLowerCase() === query.value);
    if (exact.length > 0) return exact;
    if (byDomain.length > 0) return byDomain;
  }
  return pc.searchCustomers('CompanyName', query.value, { limit });
}
