import type { Collection, Customer, CustomerSummary, Link } from '../partner-center/types';
import {
  QueryError,
  applyFilter,
  decodeContinuation,
  encodeContinuation,
  parseFilter,
  parseSize,
  toWire,
  type CustomerFilter,
} from './customer-query';
import { cloneCustomer } from './build';
import { badRequest, notFound, ok, type Reply } from './reply';
import type { Route, RouteContext } from './router';
import type { SandboxCustomer } from './types';

type ListedCustomer = CustomerSummary & { attributes: { objectType: 'Customer' } };

/** GET /v1/customers, with optional filter and seek paging (reference §8). */
function listCustomers({ url, world, headers }: RouteContext): Reply {
  try {
    const size = parseSize(url.searchParams.get('size'));
    const seek = url.searchParams.get('seekOperation');
    let offset = 0;
    let filter: CustomerFilter | undefined;
    if (seek === null) {
      filter = parseFilter(url.searchParams.get('filter'));
    } else if (seek.toLowerCase() === 'next') {
      const token = headers['ms-continuationtoken'];
      ({ offset, filter } = decodeContinuation(Array.isArray(token) ? token[0] : token));
    } else {
      throw new QueryError(`Unsupported seekOperation "${seek}"; the sandbox emulates "Next".`);
    }
    const matching = applyFilter(world.listCustomers(), filter);
    const page = matching.slice(offset, offset + size).map(summary);
    const base = `/v1/customers?size=${size}${filter ? `&filter=${encodeURIComponent(JSON.stringify(toWire(filter)))}` : ''}`;
    const collection: Collection<ListedCustomer> = {
      // Seek pages report the number of items on the page, not the whole portfolio.
      totalCount: page.length,
      items: page,
      links: { self: link(url.pathname + url.search, []) },
      attributes: { objectType: 'Collection' },
    };
    if (offset + size < matching.length) {
      const token = encodeContinuation({ offset: offset + size, filter });
      collection.links = {
        ...collection.links,
        next: link(`${base}&seekOperation=Next`, [{ key: 'MS-ContinuationToken', value: token }]),
      };
      collection.continuationToken = token;
    }
    return ok(collection);
  } catch (err) {
    if (err instanceof QueryError) return badRequest(err.message);
    throw err;
  }
}

/** GET /v1/customers/{id}: the full resource without the sandbox's private truth. */
function getCustomer({ params, world }: RouteContext): Reply {
  const customer = world.getCustomer(params.id ?? '');
  return customer ? ok(publicCustomer(customer)) : customerNotFound(params.id);
}

export function customerNotFound(id: string | undefined): Reply {
  return notFound(`Customer ${id ?? ''} was not found for this partner.`);
}

function publicCustomer(c: SandboxCustomer): Customer {
  const { agreements: _a, directlySigned: _d, scenario: _s, ...customer } = cloneCustomer(c);
  return { ...customer, attributes: { objectType: 'Customer' } };
}

function summary(c: SandboxCustomer): ListedCustomer {
  const { tenantId, domain, companyName } = c.companyProfile;
  return {
    id: c.id,
    companyProfile: { tenantId, domain, companyName },
    relationshipToPartner: c.relationshipToPartner,
    attributes: { objectType: 'Customer' },
  };
}

function link(uri: string, headers: Link['headers']): Link {
  return { uri, method: 'GET', headers };
}

export const customerRoutes: Route[] = [
  { method: 'GET', template: '/v1/customers', auth: 'any', handle: listCustomers },
  { method: 'GET', template: '/v1/customers/{id}', auth: 'any', customerScoped: true, handle: getCustomer },
];
