import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localCoordination } from '../../src/coordination/local';
import { createAppMemory } from '../../src/core/app-memory';
import type { Services } from '../../src/core/context';
import { AppError } from '../../src/core/errors';
import { asInteractive, currentPriority } from '../../src/core/priority';
import { silentLogger } from '../../src/core/logger';
import {
  customerDirectory,
  DIRECTORY_FRESH_MS,
  DIRECTORY_MAX_AGE_MS,
} from '../../src/features/status/customer-directory';
import { findCustomers } from '../../src/features/status/find-customers';
import type { CustomerSummary } from '../../src/partner-center/types';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite';
import { until } from '../support/until';

function customer(n: number, name: string): CustomerSummary {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const domain = `${name.toLowerCase().replace(/[^a-z]/g, '')}.onmicrosoft.com`;
  return {
    id,
    companyProfile: { tenantId: id, domain, companyName: name },
    relationshipToPartner: 'reseller',
  };
}

/** Partner Center as the directory sees it: the listing and the lookups, counted. */
class FakePartnerCenter {
  customers = [customer(1, 'Contoso Ltd'), customer(2, 'Contoso Pharma'), customer(3, 'Lumière & Fils')];
  calls: string[] = [];
  failListing = false;

  /** The priority each listing ran at. */
  listedAs: string[] = [];

  async *listCustomers(): AsyncGenerator<CustomerSummary[]> {
    this.calls.push('listCustomers');
    this.listedAs.push(currentPriority());
    if (this.failListing) throw new AppError('PC_UNAVAILABLE', 'down');
    yield [...this.customers];
  }

  async searchCustomers(field: 'CompanyName' | 'Domain', prefix: string): Promise<CustomerSummary[]> {
    this.calls.push(`search ${field} ${prefix}`);
    const of = (c: CustomerSummary) =>
      field === 'Domain' ? c.companyProfile.domain : c.companyProfile.companyName;
    return this.customers.filter((c) => of(c).toLowerCase().startsWith(prefix.toLowerCase()));
  }

  async getCustomer(id: string): Promise<CustomerSummary> {
    this.calls.push('getCustomer');
    const found = this.customers.find((c) => c.id === id);
    if (!found) throw new AppError('PC_NOT_FOUND', 'no such customer');
    return found;
  }
}

describe('the customer directory behind status and the other customer lookups', () => {
  let dir: string;
  let store: SqliteStore;
  let now: number;
  let pc: FakePartnerCenter;
  let services: Services;

  const names = async (text: string) =>
    (await findCustomers(services, { kind: 'name', value: text })).map((c) => c.companyProfile.companyName);

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mca-directory-'));
    now = Date.parse('2026-12-06T09:00:00Z');
    const clock = { now: () => new Date(now) };
    store = openSqliteStore({ file: path.join(dir, 'store.db'), clock });
    pc = new FakePartnerCenter();
    services = {
      store,
      clock,
      partnerCenter: pc,
      coordination: localCoordination(),
      log: silentLogger(),
      memory: createAppMemory(),
    } as unknown as Services;
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a name, a domain and a tenant id from one listing, without asking Partner Center again', async () => {
    await customerDirectory(services);
    pc.calls = [];
    expect(await names('contoso')).toEqual(['Contoso Ltd', 'Contoso Pharma']);
    expect(await names('LUMIERE')).toEqual(['Lumière & Fils']);
    const byDomain = await findCustomers(services, {
      kind: 'domain',
      value: 'contosopharma.onmicrosoft.com',
    });
    expect(byDomain.map((c) => c.companyProfile.companyName)).toEqual(['Contoso Pharma']);
    const byId = await findCustomers(services, { kind: 'tenantId', value: pc.customers[0]!.id });
    expect(byId.map((c) => c.companyProfile.companyName)).toEqual(['Contoso Ltd']);
    expect(pc.calls).toEqual([]);
  });

  it('does not make the first lookup wait for the listing: it asks Partner Center and lists in the background', async () => {
    expect(await asInteractive(() => names('contoso pharma'))).toEqual(['Contoso Pharma']);
    expect(pc.calls).toContain('search CompanyName contoso pharma');
    await until(async () => pc.calls.includes('listCustomers'), 'the background listing');
    await until(
      async () => (await store.cache.get('customer-directory', 'list')) !== undefined,
      'the kept list',
    );
    pc.calls = [];
    expect(await names('contoso pharma')).toEqual(['Contoso Pharma']);
    expect(pc.calls).toEqual([]);
  });

  it('on a miss asks Partner Center, and lists again when it knows a customer the directory does not', async () => {
    await customerDirectory(services);
    pc.customers.push(customer(4, 'Northwind Traders'));
    pc.calls = [];
    expect(await names('northwind')).toEqual(['Northwind Traders']);
    expect(pc.calls[0]).toBe('search CompanyName northwind');
    await until(async () => pc.calls.includes('listCustomers'), 'the listing after the miss');
    await until(
      async () => (await customerDirectory(services)).customers.length === 4,
      'the new listing held',
    );
    pc.calls = [];
    expect(await names('northwind')).toEqual(['Northwind Traders']);
    expect(pc.calls).toEqual([]);
  });

  it('does not list again for a miss Partner Center does not know either', async () => {
    await customerDirectory(services);
    pc.calls = [];
    expect(await names('zzz-nobody')).toEqual([]);
    expect(pc.calls).toEqual(['search CompanyName zzz-nobody']);
  });

  it('is used as it is for an hour, then while a new listing runs in the background', async () => {
    await customerDirectory(services);
    pc.customers.push(customer(4, 'Northwind Traders'));
    now += DIRECTORY_FRESH_MS - 1;
    pc.calls = [];
    expect((await customerDirectory(services)).customers).toHaveLength(3);
    expect(pc.calls).toEqual([]);
    now += 1;
    // Stale: this lookup gets the directory held, the next ones the new listing.
    expect((await customerDirectory(services)).customers).toHaveLength(3);
    await until(
      async () => (await customerDirectory(services)).customers.length === 4,
      'the refreshed listing',
    );
    expect(pc.calls).toEqual(['listCustomers']);
  });

  it('keeps the directory it has when a background listing fails', async () => {
    await customerDirectory(services);
    pc.failListing = true;
    now += DIRECTORY_FRESH_MS;
    pc.calls = [];
    expect(await names('contoso pharma')).toEqual(['Contoso Pharma']);
    await until(async () => pc.calls.includes('listCustomers'), 'the failed listing');
    await new Promise((r) => setTimeout(r, 50));
    expect(await names('contoso ltd')).toEqual(['Contoso Ltd']);
    // Not again for every lookup: a minute later.
    expect(pc.calls.filter((c) => c === 'listCustomers')).toHaveLength(1);
    pc.failListing = false;
    now += 60_000;
    await names('contoso ltd');
    await until(
      async () => (await customerDirectory(services)).loadedAt === now,
      'the listing a minute later',
    );
  });

  it('waits for a new listing once the directory is a day old', async () => {
    await customerDirectory(services);
    pc.customers = pc.customers.slice(0, 1);
    now += DIRECTORY_MAX_AGE_MS;
    pc.calls = [];
    expect((await customerDirectory(services)).customers.map((c) => c.companyProfile.companyName)).toEqual([
      'Contoso Ltd',
    ]);
    expect(pc.calls).toEqual(['listCustomers']);
  });

  it('is shared through the store: another instance uses the listing kept there', async () => {
    await customerDirectory(services);
    const other = openSqliteStore({ file: path.join(dir, 'store.db'), clock: services.clock });
    try {
      pc.calls = [];
      // Its own memory: what it finds, it finds in the store.
      const second = { ...services, store: other, memory: createAppMemory() } as Services;
      expect((await customerDirectory(second)).customers).toHaveLength(3);
      expect(pc.calls).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('what an app holds in memory', () => {
  it('is its own: two apps get separate state under the same name, one app the same each time', () => {
    const one = createAppMemory();
    const two = createAppMemory();
    const a = one.slot('customer-directory', () => ({ n: 1 }));
    expect(one.slot('customer-directory', () => ({ n: 2 }))).toBe(a);
    expect(two.slot('customer-directory', () => ({ n: 3 }))).toEqual({ n: 3 });
    expect(a).toEqual({ n: 1 });
  });
});
