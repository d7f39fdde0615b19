import { describe, expect, it } from 'vitest';
import {
  DEMO_CUSTOMERS,
  SCENARIOS,
  expectedScenario,
  generateCustomers,
  scenarioOf,
  type SandboxCustomer,
} from '../../src/sandbox';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('DEMO_CUSTOMERS', () => {
  it('has at least 14 customers with unique GUIDs and onmicrosoft.com domains', () => {
    expect(DEMO_CUSTOMERS.length).toBeGreaterThanOrEqual(14);
    expect(new Set(DEMO_CUSTOMERS.map((c) => c.id)).size).toBe(DEMO_CUSTOMERS.length);
    for (const c of DEMO_CUSTOMERS) {
      expect(c.id).toMatch(GUID);
      expect(c.companyProfile.tenantId).toBe(c.id);
      expect(c.companyProfile.domain).toMatch(/^[a-z0-9]+\.onmicrosoft\.com$/);
      expect(c.billingProfile?.email).toMatch(/@example\.com$/);
      expect(c.billingProfile?.culture).toMatch(/^[a-z]{2}-[A-Z]{2}$/);
    }
  });

  it('covers every scenario and the required countries', () => {
    expect(Object.keys(countBy(DEMO_CUSTOMERS as SandboxCustomer[], (c) => c.scenario)).sort()).toEqual(
      [...SCENARIOS].sort(),
    );
    const countries = new Set(DEMO_CUSTOMERS.map((c) => c.billingProfile?.defaultAddress?.country));
    for (const country of ['US', 'DE', 'FR', 'JP', 'ES', 'IT', 'NL', 'BR', 'GB', 'AT']) {
      expect(countries).toContain(country);
    }
    expect(new Set(DEMO_CUSTOMERS.map((c) => c.billingProfile?.language)).size).toBeGreaterThanOrEqual(7);
  });

  it('has data that produces each customer’s declared scenario', () => {
    for (const c of DEMO_CUSTOMERS) {
      expect(scenarioOf(c, c.agreements, c.directlySigned)).toBe(c.scenario);
      expect(expectedScenario(c.id.toUpperCase())).toBe(c.scenario);
    }
    expect(expectedScenario('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('dates recent attestations after the refresh cut-off and old ones before it', () => {
    for (const c of DEMO_CUSTOMERS) {
      const mca = c.agreements
        .filter((a) => a.type === 'MicrosoftCustomerAgreement')
        .map((a) => a.dateAgreed);
      if (c.scenario === 'attested') expect(mca.some((d) => d >= '2024-01-01')).toBe(true);
      if (c.scenario === 'attested-before-2023') expect(mca.every((d) => d < '2023-04-01')).toBe(true);
      if (c.scenario === 'no-relationship') expect(c.relationshipToPartner).not.toBe('reseller');
    }
  });
});

describe('generateCustomers', () => {
  // No wall-clock assertion (house rule): the speed is a benchmark's job, not a test's.
  it('generates 10,000 customers deterministically, covering every scenario', () => {
    const a = generateCustomers(10_000);
    expect(a).toHaveLength(10_000);
    expect(generateCustomers(10_000)).toEqual(a);
    expect(generateCustomers(10_000, 2)[0]!.id).not.toBe(a[0]!.id);

    const scenarios = countBy(a, (c) => c.scenario);
    for (const s of SCENARIOS) expect(scenarios[s]).toBeGreaterThan(100);
    expect(
      Object.keys(countBy(a, (c) => c.billingProfile!.defaultAddress!.country)).length,
    ).toBeGreaterThanOrEqual(10);
    expect(new Set(a.map((c) => c.id)).size).toBe(10_000);
    expect(new Set(a.map((c) => c.companyProfile.domain)).size).toBe(10_000);
    expect(new Set(a.map((c) => c.companyProfile.companyName)).size).toBe(10_000);
    for (const c of a.slice(0, 500)) expect(c.id).toMatch(GUID);
  });

  it('covers all six scenarios even in a six-customer portfolio', () => {
    expect(generateCustomers(6, 42).map((c) => c.scenario)).toEqual([...SCENARIOS]);
  });

  it('keeps each generated customer’s data consistent with its scenario', () => {
    for (const c of generateCustomers(200)) {
      expect(scenarioOf(c, c.agreements, c.directlySigned)).toBe(c.scenario);
    }
  });
});
