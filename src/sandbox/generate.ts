import { buildCustomer, idFrom, mulberry32, type CustomerSpec } from './build';
import { LOCALES, SECOND_WORDS, SHARED_WORDS, type GenLocale } from './generate-data';
import { SCENARIOS, type SandboxCustomer, type Scenario } from './types';

const SCENARIO_WEIGHTS: Record<Scenario, number> = {
  attested: 30,
  'attested-before-2023': 15,
  direct: 20,
  'attested-and-direct': 10,
  'not-accepted': 20,
  'no-relationship': 5,
};

/** Ranges for dateAgreed; fixed, so a portfolio does not change with the day it is generated. */
const OLD_DATES: [number, number] = [Date.parse('2019-01-01T00:00:00Z'), Date.parse('2023-03-31T23:59:59Z')];
const RECENT_DATES: [number, number] = [
  Date.parse('2023-04-01T00:00:00Z'),
  Date.parse('2025-10-31T23:59:59Z'),
];

/**
 * A deterministic synthetic portfolio: same `n` and `seed`, same customers. The first six customers
 * take one scenario each, so even a small portfolio covers them all.
 *
 * @example
 * const sandbox = await startSandbox({ customers: generateCustomers(10_000) });
 */
export function generateCustomers(n: number, seed = 1): SandboxCustomer[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}.`);
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('Cannot pick from an empty list.');
    return item;
  };
  const weighted = <T>(entries: [T, number][]): T => {
    let r = random() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, w] of entries) if ((r -= w) < 0) return value;
    return pick(entries)[0];
  };
  const date = ([from, to]: [number, number]): string =>
    new Date(from + Math.floor(random() * (to - from))).toISOString().slice(0, 19);
  const localeWeights = LOCALES.map((l): [GenLocale, number] => [l, l.weight]);
  const scenarioWeights = Object.entries(SCENARIO_WEIGHTS) as [Scenario, number][];
  const usedNames = new Set<string>();
  const customers: SandboxCustomer[] = [];

  for (let i = 0; i < n; i++) {
    const locale = weighted(localeWeights);
    const scenario = SCENARIOS[i] ?? weighted(scenarioWeights);
    const first = pick(locale.words.length > 0 && random() < 0.3 ? locale.words : SHARED_WORDS);
    const second = pick(SECOND_WORDS);
    const legal = pick(locale.legalForms);
    let name = companyName(locale, first, second, legal, '');
    for (let k = 2; usedNames.has(name); k++) name = companyName(locale, first, second, legal, ` ${k}`);
    usedNames.add(name);
    const spec: CustomerSpec = {
      id: idFrom(random),
      companyName: name,
      slug: `${ascii(first + second) || 'tenant'}${i.toString(36)}`,
      country: locale.country,
      culture: locale.culture,
      language: locale.culture.slice(0, 2),
      city: locale.city,
      postalCode: locale.postalCode,
      addressLine1: `${locale.street} ${1 + (i % 200)}`,
      ...(locale.state ? { state: locale.state } : {}),
      contact: {
        firstName: pick(locale.firstNames),
        lastName: pick(locale.lastNames),
        email: `billing${i}@example.com`,
        phoneNumber: `${locale.phonePrefix}${String(i % 10_000).padStart(4, '0')}`,
      },
      scenario,
    };
    if (scenario === 'no-relationship') spec.relationship = random() < 0.5 ? 'advisor' : 'none';
    if (scenario === 'attested') {
      spec.attestedOn = random() < 0.1 ? [date(OLD_DATES), date(RECENT_DATES)] : [date(RECENT_DATES)];
    }
    if (scenario === 'attested-before-2023') spec.attestedOn = [date(OLD_DATES)];
    if (scenario === 'attested-and-direct')
      spec.attestedOn = [date(random() < 0.5 ? OLD_DATES : RECENT_DATES)];
    if (scenario === 'direct' || scenario === 'attested-and-direct') spec.directlySigned = true;
    if (scenario === 'not-accepted' && random() < 0.2) spec.cloudAgreementOn = date(OLD_DATES);
    customers.push(buildCustomer(spec));
  }
  return customers;
}

function companyName(
  locale: GenLocale,
  first: string,
  second: string,
  legal: string,
  suffix: string,
): string {
  // Japanese company names put the legal form first.
  return locale.country === 'JP'
    ? `${legal}${first}${second}${suffix}`
    : `${first} ${second}${suffix} ${legal}`;
}

function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}
