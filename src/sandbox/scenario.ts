import type { Agreement, Customer } from '../partner-center/types';
import type { Scenario } from './types';

/** Attestations before this instant must be renewed (MCA refresh, reference §1.4). */
const MCA_REFRESH_CUTOFF = '2023-04-01T00:00:00';

/**
 * Derives the scenario from the data, so a customer changed at runtime (direct-sign flipped, an
 * attestation added) still carries the right expectation for tests.
 */
export function scenarioOf(customer: Customer, agreements: Agreement[], directlySigned: boolean): Scenario {
  if (customer.relationshipToPartner !== 'reseller') return 'no-relationship';
  const mca = agreements.filter((a) => a.type === 'MicrosoftCustomerAgreement');
  if (directlySigned) return mca.length > 0 ? 'attested-and-direct' : 'direct';
  if (mca.length === 0) return 'not-accepted';
  // dateAgreed strings share one ISO-like format, so they compare correctly as text.
  const latest =
    mca
      .map((a) => normalizeDate(a.dateAgreed))
      .sort()
      .at(-1) ?? '';
  return latest >= MCA_REFRESH_CUTOFF ? 'attested' : 'attested-before-2023';
}

function normalizeDate(date: string): string {
  const d = date.replace(/Z$/, '').slice(0, 19);
  return d.length === 10 ? `${d}T00:00:00` : d;
}
