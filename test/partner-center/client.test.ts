import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakePc, type FakePc } from './fake-pc';
import { APP_TOKEN, TENANT, USER_TOKEN, rejectionOf, testClient } from './helpers';

const MCA = 'MicrosoftCustomerAgreement';
const TEMPLATE = '117a77b0-9360-443b-8795-c6dedc750cf9';
const metadataBody = (items: object[]) => ({
  totalCount: items.length,
  items,
  attributes: { objectType: 'Collection' },
});
const mcaItem = (templateId: string, versionRank: number) => ({
  templateId,
  agreementType: MCA,
  agreementLink: 'https://aka.ms/customeragreement',
  versionRank,
});
const summary = (n: number) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  companyProfile: {
    tenantId: `00000000-0000-4000-8000-00000000000${n}`,
    domain: `c${n}.example`,
    companyName: `C${n}`,
  },
  relationshipToPartner: 'reseller',
});

let pc: FakePc;
beforeEach(async () => {
  pc = await startFakePc();
});
afterEach(async () => {
  await pc.close();
});

describe('Partner Center client methods', () => {
  it('uses the app-only token to get a customer by id, App+User for agreement, direct-sign, document and metadata reads', async () => {
    pc.on('GET', `/v1/customers/${TENANT}`, { body: summary(1) });
    pc.on('GET', `/v1/customers/${TENANT}/agreements`, { body: { totalCount: 0, items: [] } });
    pc.on('GET', `/v1/customers/${TENANT}/directSignedMicrosoftCustomerAgreementStatus`, {
      body: { isSigned: false },
    });
    pc.on('GET', '/v1/agreements', { body: metadataBody([mcaItem(TEMPLATE, 0)]) });
    pc.on('GET', `/v1/agreementtemplates/${TEMPLATE}/document`, {
      body: { displayUri: 'd', downloadUri: 'w' },
    });
    const { client } = testClient(pc);

    await client.getCustomer(TENANT);
    await client.getCustomerAgreements(TENANT);
    await client.getDirectSignStatus(TENANT);
    await client.getAgreementDocument('US', 'en-US');

    expect(pc.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      [`/v1/customers/${TENANT}`, `Bearer ${APP_TOKEN}`],
      [`/v1/customers/${TENANT}/agreements`, `Bearer ${USER_TOKEN}`],
      [`/v1/customers/${TENANT}/directSignedMicrosoftCustomerAgreementStatus`, `Bearer ${USER_TOKEN}`],
      ['/v1/agreements', `Bearer ${USER_TOKEN}`],
      [`/v1/agreementtemplates/${TEMPLATE}/document`, `Bearer ${USER_TOKEN}`],
    ]);
  });

  it('uses the app-only token to list and search customers', async () => {
    pc.on('GET', '/v1/customers', { body: { totalCount: 1, items: [summary(1)] } });
    const { client } = testClient(pc);

    await client.searchCustomers('Domain', 'c1');
    for await (const _page of client.listCustomers()) break;

    expect(pc.requests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${APP_TOKEN}`,
      `Bearer ${APP_TOKEN}`,
    ]);
  });

  it('sends the search filter as the documented JSON, URL-encoded', async () => {
    pc.on('GET', '/v1/customers', { body: { totalCount: 1, items: [summary(1)] } });
    const { client } = testClient(pc);

    await client.searchCustomers('CompanyName', 'Cont & Co', { limit: 5 });

    const [req] = pc.requests;
    expect(req?.query.get('filter')).toBe(
      '{"Field":"CompanyName","Value":"Cont & Co","Operator":"starts_with"}',
    );
    expect(req?.url).toBe(
      '/v1/customers?size=5&filter=' +
        '%7B%22Field%22%3A%22CompanyName%22%2C%22Value%22%3A%22Cont%20%26%20Co%22%2C%22Operator%22%3A%22starts_with%22%7D',
    );
  });

  it('follows links.next with its continuation header until the search limit is reached', async () => {
    const next = (token: string) => ({
      uri: '/customers?size=2&seekOperation=Next',
      method: 'GET',
      headers: [{ key: 'MS-ContinuationToken', value: token }],
    });
    pc.on(
      'GET',
      '/v1/customers',
      { body: { totalCount: 2, items: [summary(1), summary(2)], links: { next: next('tok-1') } } },
      { body: { totalCount: 2, items: [summary(3), summary(4)], links: { next: next('tok-2') } } },
      { body: { totalCount: 2, items: [summary(5), summary(6)] } },
    );
    const { client } = testClient(pc);

    const found = await client.searchCustomers('CompanyName', 'C', { limit: 3, pageSize: 2 });

    expect(found.map((c) => c.companyProfile.companyName)).toEqual(['C1', 'C2', 'C3']);
    expect(pc.requests).toHaveLength(2);
    expect(pc.requests[1]?.url).toBe('/v1/customers?size=2&seekOperation=Next');
    expect(pc.requests[1]?.headers['ms-continuationtoken']).toBe('tok-1');
  });

  it('lists every page via seekOperation=Next and MS-ContinuationToken', async () => {
    const next = (token: string) => ({
      uri: `${pc.url}/v1/customers?size=2&seekOperation=Next`,
      method: 'GET',
      headers: [{ key: 'MS-ContinuationToken', value: token }],
    });
    pc.on(
      'GET',
      '/v1/customers',
      { body: { totalCount: 2, items: [summary(1), summary(2)], links: { next: next('tok-1') } } },
      { body: { totalCount: 2, items: [summary(3), summary(4)], links: { next: next('tok-2') } } },
      {
        body: {
          totalCount: 1,
          items: [summary(5)],
          links: { self: { uri: '/customers', method: 'GET', headers: [] } },
        },
      },
    );
    const { client } = testClient(pc);

    const pages: string[][] = [];
    for await (const page of client.listCustomers({ pageSize: 2 }))
      pages.push(page.map((c) => c.id.slice(-1)));

    expect(pages).toEqual([['1', '2'], ['3', '4'], ['5']]);
    expect(pc.requests.map((r) => [r.url, r.headers['ms-continuationtoken']])).toEqual([
      ['/v1/customers?size=2', undefined],
      ['/v1/customers?size=2&seekOperation=Next', 'tok-1'],
      ['/v1/customers?size=2&seekOperation=Next', 'tok-2'],
    ]);
  });

  it('stops listing with an error when Partner Center hands back the same continuation token', async () => {
    const link = {
      uri: '/customers?seekOperation=Next',
      method: 'GET',
      headers: [{ key: 'MS-ContinuationToken', value: 'same' }],
    };
    pc.on('GET', '/v1/customers', { body: { totalCount: 1, items: [summary(1)], links: { next: link } } });
    const { client } = testClient(pc);

    const err = await rejectionOf(
      (async () => {
        for await (const _page of client.listCustomers()) {
          /* drain */
        }
      })(),
    );

    expect(err.code).toBe('INTERNAL');
    // first page hands out "same", the second hands it out again: stop there
    expect(pc.requests).toHaveLength(2);
  });

  it('trims search results to the summary fields', async () => {
    const full = { ...summary(1), billingProfile: { email: 'a@example.com', firstName: 'Tania' } };
    pc.on('GET', '/v1/customers', { body: { totalCount: 1, items: [full] } });
    const { client } = testClient(pc);

    const [found] = await client.searchCustomers('CompanyName', 'C');

    expect(found).toEqual(summary(1));
  });

  it('always asks for MicrosoftCustomerAgreement agreements', async () => {
    const record = { templateId: TEMPLATE, dateAgreed: '2024-08-26T00:00:00', type: MCA, primaryContact: {} };
    pc.on('GET', `/v1/customers/${TENANT}/agreements`, { body: { totalCount: 1, items: [record] } });
    const { client } = testClient(pc);

    const agreements = await client.getCustomerAgreements(TENANT);

    expect(agreements).toEqual([record]);
    expect(pc.requests[0]?.query.get('agreementType')).toBe(MCA);
  });

  it('reads the agreement kind from agreementType when a record has no type', async () => {
    const record = {
      templateId: TEMPLATE,
      dateAgreed: '2024-08-26T00:00:00',
      agreementType: MCA,
      primaryContact: {},
    };
    pc.on('GET', `/v1/customers/${TENANT}/agreements`, { body: { totalCount: 1, items: [record] } });
    const { client } = testClient(pc);

    const [agreement] = await client.getCustomerAgreements(TENANT);

    expect(agreement?.type).toBe(MCA);
  });

  it('reads the direct-sign status', async () => {
    pc.on('GET', `/v1/customers/${TENANT}/directSignedMicrosoftCustomerAgreementStatus`, {
      body: { isSigned: true },
    });
    const { client } = testClient(pc);

    expect(await client.getDirectSignStatus(TENANT)).toEqual({ isSigned: true });
  });

  it('fetches the MCA metadata once for two calls and asks for the MCA type', async () => {
    pc.on('GET', '/v1/agreements', { body: metadataBody([mcaItem(TEMPLATE, 0)]) });
    const { client } = testClient(pc);

    const [a, b] = await Promise.all([client.getMcaMetadata(), client.getMcaMetadata()]);
    const c = await client.getMcaMetadata();

    expect([a.templateId, b.templateId, c.templateId]).toEqual([TEMPLATE, TEMPLATE, TEMPLATE]);
    expect(pc.requests).toHaveLength(1);
    expect(pc.requests[0]?.query.get('agreementType')).toBe(MCA);
  });

  it('fetches the MCA metadata again once the cache has expired', async () => {
    pc.on('GET', '/v1/agreements', { body: metadataBody([mcaItem(TEMPLATE, 0)]) });
    let now = Date.parse('2025-01-01T00:00:00Z');
    const { client } = testClient(pc, { clock: { now: () => new Date(now) }, metadataTtlMs: 60_000 });

    await client.getMcaMetadata();
    now += 59_000;
    await client.getMcaMetadata();
    now += 2_000;
    await client.getMcaMetadata();

    expect(pc.requests).toHaveLength(2);
  });

  it('does not cache a failed metadata call', async () => {
    pc.on('GET', '/v1/agreements', { status: 404 }, { body: metadataBody([mcaItem(TEMPLATE, 0)]) });
    const { client } = testClient(pc);

    expect((await rejectionOf(client.getMcaMetadata())).code).toBe('PC_NOT_FOUND');
    expect((await client.getMcaMetadata()).templateId).toBe(TEMPLATE);
  });

  it('picks the MCA template with the lowest versionRank and ignores other agreement types', async () => {
    const cloud = { ...mcaItem('cloud-template', -1), agreementType: 'MicrosoftCloudAgreement' };
    pc.on('GET', '/v1/agreements', {
      body: metadataBody([mcaItem('next', 1), cloud, mcaItem('current', 0)]),
    });
    const { client, logs } = testClient(pc);

    expect((await client.getMcaMetadata()).templateId).toBe('current');
    expect(logs.some((l) => l.level === 40 && String(l.msg).includes('several MCA templates'))).toBe(true);
  });

  it('finds the MCA template when the metadata names its kind in type instead of agreementType', async () => {
    const { agreementType: _documented, ...rest } = mcaItem('by-type', 0);
    pc.on('GET', '/v1/agreements', { body: metadataBody([{ ...rest, type: MCA }]) });
    const { client } = testClient(pc);

    expect((await client.getMcaMetadata()).templateId).toBe('by-type');
  });

  it('gets the agreement document with the template id from the metadata, escaped, and an upper-case country', async () => {
    const odd = 'tpl/../x y';
    pc.on('GET', '/v1/agreements', { body: metadataBody([mcaItem(odd, 0)]) });
    const doc = {
      displayUri: 'https://view',
      downloadUri: 'https://download',
      language: 'de-DE',
      country: 'DE',
    };
    pc.on('GET', '/v1/agreementtemplates/tpl%2F..%2Fx%20y/document', { body: doc });
    const { client } = testClient(pc);

    expect(await client.getAgreementDocument('de', 'de-DE')).toEqual(doc);
    expect(pc.requests[1]?.url).toBe(
      '/v1/agreementtemplates/tpl%2F..%2Fx%20y/document?language=de-DE&country=DE',
    );
  });

  it.each([
    ['getCustomer', (c: ReturnType<typeof testClient>['client']) => c.getCustomer('not-a-guid')],
    [
      'getCustomerAgreements',
      (c: ReturnType<typeof testClient>['client']) => c.getCustomerAgreements('../partners'),
    ],
    [
      'getDirectSignStatus',
      (c: ReturnType<typeof testClient>['client']) => c.getDirectSignStatus(`${TENANT}/x`),
    ],
    [
      'getAgreementDocument',
      (c: ReturnType<typeof testClient>['client']) => c.getAgreementDocument('Germany', 'de'),
    ],
    [
      'searchCustomers',
      (c: ReturnType<typeof testClient>['client']) => c.searchCustomers('CompanyName', '  '),
    ],
  ])('rejects bad input to %s with INPUT_INVALID before any request', async (_name, run) => {
    const { client } = testClient(pc);

    const err = await rejectionOf(run(client));

    expect(err.code).toBe('INPUT_INVALID');
    expect(pc.requests).toHaveLength(0);
  });

  it('explains what a tenant id looks like', async () => {
    const { client } = testClient(pc);

    const err = await rejectionOf(client.getCustomer('contoso.onmicrosoft.com'));

    expect(err.message).toContain('GUID');
  });

  it('reports an answer in an unexpected shape instead of returning nothing', async () => {
    pc.on('GET', `/v1/customers/${TENANT}/agreements`, { body: { totalCount: 0 } });
    const { client } = testClient(pc);

    const err = await rejectionOf(client.getCustomerAgreements(TENANT));

    expect(err.code).toBe('INTERNAL');
    expect(err.message).toContain('agreements');
  });
});
