import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, generateCustomers, startSandbox, type Sandbox } from '../../src/sandbox';
import { filterQuery, get, type Call } from './helpers';

/** Follows links.next exactly as a client must: its uri plus its headers. */
async function listAll(sandbox: Sandbox, firstPath: string): Promise<{ ids: string[]; pages: Call[] }> {
  const pages: Call[] = [];
  let res = await get(sandbox, firstPath);
  pages.push(res);
  while (res.body.links?.next) {
    const next = res.body.links.next;
    const headers = Object.fromEntries(
      next.headers.map((h: { key: string; value: string }) => [h.key, h.value]),
    );
    res = await get(sandbox, next.uri, { headers });
    pages.push(res);
  }
  return { ids: pages.flatMap((p) => p.body.items.map((c: { id: string }) => c.id)), pages };
}

describe('GET /v1/customers', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('lists only id, the short company profile, the relationship and the object type', async () => {
    const res = await get(sandbox, '/v1/customers?size=3');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const first = DEMO_CUSTOMERS[0]!;
    expect(res.body.items[0]).toEqual({
      id: first.id,
      companyProfile: {
        tenantId: first.id,
        domain: first.companyProfile.domain,
        companyName: first.companyProfile.companyName,
      },
      relationshipToPartner: 'reseller',
      attributes: { objectType: 'Customer' },
    });
    expect(res.body).toMatchObject({ totalCount: 3, attributes: { objectType: 'Collection' } });
    expect(res.body.links.self).toEqual({ uri: '/v1/customers?size=3', method: 'GET', headers: [] });
  });

  it('pages with seekOperation=Next and MS-ContinuationToken, covering every customer exactly once', async () => {
    const { ids, pages } = await listAll(sandbox, '/v1/customers?size=5');
    expect(ids).toEqual(DEMO_CUSTOMERS.map((c) => c.id));
    expect(pages.map((p) => p.body.totalCount)).toEqual([5, 5, 5, 3]);
    const next = pages[0]!.body.links.next;
    expect(next.uri).toBe('/v1/customers?size=5&seekOperation=Next');
    expect(next.method).toBe('GET');
    expect(next.headers[0].key).toBe('MS-ContinuationToken');
    expect(pages[0]!.body.continuationToken).toBe(next.headers[0].value);
    expect(pages.at(-1)!.body.links.next).toBeUndefined();
    expect(pages.at(-1)!.body.continuationToken).toBeUndefined();
  });

  it('serves 100 customers per page by default and at most 500', async () => {
    const big = await startSandbox({ customers: generateCustomers(1200, 7) });
    try {
      expect((await get(big, '/v1/customers')).body.totalCount).toBe(100);
      expect((await get(big, '/v1/customers?size=0')).body.totalCount).toBe(100);
      expect((await get(big, '/v1/customers?size=2000')).body.totalCount).toBe(500);
      const { ids } = await listAll(big, '/v1/customers?size=500');
      expect(new Set(ids).size).toBe(1200);
    } finally {
      await big.close();
    }
  });

  it('pages a 200-customer portfolio without losing or repeating anyone', async () => {
    const customers = generateCustomers(200, 3);
    const portfolio = await startSandbox({ customers });
    try {
      const { ids, pages } = await listAll(portfolio, '/v1/customers?size=30');
      expect(ids).toEqual(customers.map((c) => c.id));
      expect(pages).toHaveLength(7);
    } finally {
      await portfolio.close();
    }
  });

  it('answers 400 for a continuation token it did not issue', async () => {
    const res = await get(sandbox, '/v1/customers?size=5&seekOperation=Next', {
      headers: { 'MS-ContinuationToken': 'not-a-token' },
    });
    expect(res.status).toBe(400);
    expect(res.body.description).toContain('continuation token');
    const missing = await get(sandbox, '/v1/customers?size=5&seekOperation=Next');
    expect(missing.status).toBe(400);
  });

  it('finds both Contoso customers by a case-insensitive company-name prefix', async () => {
    const res = await get(sandbox, `/v1/customers?size=10&filter=${filterQuery('CompanyName', 'cONT')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: any) => c.companyProfile.companyName)).toEqual([
      'Contoso Ltd',
      'Contoso Pharma GmbH',
    ]);
  });

  it('matches prefixes with umlauts, Japanese and Markdown characters', async () => {
    const names = async (value: string) =>
      (await get(sandbox, `/v1/customers?filter=${filterQuery('CompanyName', value)}`)).body.items.map(
        (c: any) => c.companyProfile.companyName,
      );
    expect(await names('mü')).toEqual(['Müller & Söhne Maschinenbau KG']);
    expect(await names('株式会社')).toEqual(['株式会社ノースウィンド商事']);
    expect(await names('*star* [')).toEqual(['*Star* [Labs]_ Pty Ltd']);
    expect(await names('zzz')).toEqual([]);
  });

  it('filters by domain prefix', async () => {
    const res = await get(sandbox, `/v1/customers?filter=${filterQuery('Domain', 'contosoph')}`);
    expect(res.body.items.map((c: any) => c.companyProfile.domain)).toEqual([
      'contosopharma.onmicrosoft.com',
    ]);
  });

  it('keeps the filter across pages of a filtered search', async () => {
    const { ids, pages } = await listAll(
      sandbox,
      `/v1/customers?size=1&filter=${filterQuery('Domain', 'contoso')}`,
    );
    expect(ids).toHaveLength(2);
    expect(pages[0]!.body.links.next.uri).toContain('filter=');
  });

  it.each([
    ['bad JSON', '%7Bnot-json'],
    ['an unknown field', filterQuery('Country', 'DE')],
    ['an unknown operator', filterQuery('CompanyName', 'Con', 'contains')],
  ])('answers 400 for a filter with %s', async (_what, filter) => {
    const res = await get(sandbox, `/v1/customers?filter=${filter}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'InvalidInput', source: 'PartnerFD' });
  });
});

describe('GET /v1/customers/{id}', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('returns the full customer, matching the id case-insensitively, without sandbox-only fields', async () => {
    const muller = DEMO_CUSTOMERS.find((c) => c.companyProfile.companyName.startsWith('Müller'))!;
    const res = await get(sandbox, `/v1/customers/${muller.id.toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: muller.id,
      companyProfile: {
        companyName: 'Müller & Söhne Maschinenbau KG',
        domain: 'muellersoehne.onmicrosoft.com',
      },
      billingProfile: {
        culture: 'de-DE',
        language: 'de',
        defaultAddress: { country: 'DE', city: 'München' },
      },
      relationshipToPartner: 'reseller',
      allowDelegatedAccess: true,
      attributes: { objectType: 'Customer' },
    });
    expect(res.body.billingProfile.email).toMatch(/@example\.com$/);
    expect(res.body).not.toHaveProperty('agreements');
    expect(res.body).not.toHaveProperty('directlySigned');
    expect(res.body).not.toHaveProperty('scenario');
  });

  it('answers 404 with an error body for an unknown customer', async () => {
    const res = await get(sandbox, '/v1/customers/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NotFound', errorName: 'NotFound', isRetryable: false });
  });

  it('answers 404 for unknown paths and 405 for unsupported methods', async () => {
    expect((await get(sandbox, '/v1/invoices')).status).toBe(404);
    expect((await get(sandbox, '/nothing-here')).status).toBe(404);
    const res = await fetch(`${sandbox.url}/v1/customers`, {
      method: 'DELETE',
      headers: { Authorization: 'Bearer sandbox-user-token' },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});
