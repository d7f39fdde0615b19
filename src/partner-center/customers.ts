import type { PartnerCenterClient } from './client';
import { ENDPOINTS, toQueryString } from './endpoints';
import type { PcHttp } from './http';
import { asCollection, nextPage, unexpectedShape, type PageRequest } from './paging';
import type { Collection, CustomerSummary } from './types';
import { assertCount, assertSearch } from './validate';

/** Partner Center's page size limit for customers; larger `size` values are refused. */
const MAX_PAGE_SIZE = 500;
const DEFAULT_SEARCH_LIMIT = 20;
const DEFAULT_LIST_PAGE_SIZE = 100;

type CustomerQueries = Pick<PartnerCenterClient, 'searchCustomers' | 'listCustomers'>;

/** Customer search and listing (App-only), both paging through `links.next` (reference §8). */
export function createCustomerQueries(send: PcHttp, baseUrl: string): CustomerQueries {
  const endpoint = ENDPOINTS.listCustomers;

  async function* pages(
    first: PageRequest,
    pageSize: number,
    signal?: AbortSignal,
  ): AsyncGenerator<CustomerSummary[], void, undefined> {
    const fallback =
      endpoint.path +
      toQueryString([
        ['size', String(pageSize)],
        ['seekOperation', 'Next'],
      ]);
    const seen = new Set<string>();
    for (let request: PageRequest | undefined = first; request;) {
      const body: unknown = await send<unknown>({ endpoint, ...request, signal });
      const page: Collection<CustomerSummary> = asCollection<CustomerSummary>(body, 'the customer list');
      yield page.items.map(toSummary);
      request = page.items.length === 0 ? undefined : nextPage(page, baseUrl, fallback);
      // A continuation token that comes back unchanged would loop forever.
      const key = request?.headers['MS-ContinuationToken'] ?? request?.pathAndQuery;
      if (key !== undefined && seen.has(key)) throw unexpectedShape('the customer list (a page repeated)');
      if (key !== undefined) seen.add(key);
    }
  }

  return {
    async searchCustomers(field, prefix, opts = {}) {
      assertSearch(field, prefix);
      const limit = opts.limit ?? DEFAULT_SEARCH_LIMIT;
      assertCount('limit', limit, 1, 10_000);
      const pageSize = opts.pageSize ?? Math.min(limit, MAX_PAGE_SIZE);
      assertCount('pageSize', pageSize, 1, MAX_PAGE_SIZE);
      // Exactly the documented filter: this key order, only starts_with (case-insensitive on their side).
      const filter = JSON.stringify({ Field: field, Value: prefix, Operator: 'starts_with' });
      const query = toQueryString([
        ['size', String(pageSize)],
        ['filter', filter],
      ]);
      const found: CustomerSummary[] = [];
      for await (const items of pages(
        { pathAndQuery: endpoint.path + query, headers: {} },
        pageSize,
        opts.signal,
      )) {
        found.push(...items);
        if (found.length >= limit) break;
      }
      return found.slice(0, limit);
    },

    listCustomers(opts = {}) {
      const pageSize = opts.pageSize ?? DEFAULT_LIST_PAGE_SIZE;
      assertCount('pageSize', pageSize, 1, MAX_PAGE_SIZE);
      const query = toQueryString([['size', String(pageSize)]]);
      return pages({ pathAndQuery: endpoint.path + query, headers: {} }, pageSize, opts.signal);
    },
  };
}

/** List and filter items are summaries; a filter may return whole customers, which we trim. */
function toSummary(item: CustomerSummary): CustomerSummary {
  const profile = (item.companyProfile as CustomerSummary['companyProfile'] | undefined) ?? {
    tenantId: item.id,
    domain: '',
    companyName: '',
  };
  return {
    id: item.id,
    companyProfile: { tenantId: profile.tenantId, domain: profile.domain, companyName: profile.companyName },
    relationshipToPartner: item.relationshipToPartner,
  };
}
