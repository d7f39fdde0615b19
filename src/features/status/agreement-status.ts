import type { Agreement, Customer, DirectSignStatus } from '../../partner-center/types';

/**
 * The one agreement status the product shows, derived from Partner Center's two reads:
 * partner attestations (GET …/agreements?agreementType=MicrosoftCustomerAgreement) and direct
 * acceptance in the Microsoft 365 admin center (GET …/directSignedMicrosoftCustomerAgreementStatus).
 */
export type AgreementState =
  'accepted-attested' | 'accepted-directly' | 'reacceptance-required' | 'not-accepted' | 'unknown';

export type UnknownReason = 'no-relationship' | 'permission' | 'unavailable';

/** Who the customer is, as a status and its cached snapshot name them. */
export interface CustomerFacts {
  tenantId: string;
  companyName: string;
  domain: string;
  /** ISO 3166-1 alpha-2 from the billing address (decides which MCA text applies). */
  country?: string;
  /** Billing culture, e.g. "de-DE" (decides the agreement and notification language). */
  culture?: string;
  relationshipToPartner?: string;
}

export interface AgreementStatus {
  state: AgreementState;
  reason?: UnknownReason;
  customer: CustomerFacts;
  /** Latest partner attestation, if any (also shown when the customer accepted directly). */
  attestation?: { dateAgreed: string; signer: { firstName: string; lastName: string } };
  checkedAt: string;
}

/** Acceptances before this date must be renewed (MCA refresh; reference §1.4). */
const REACCEPTANCE_CUTOFF = '2023-04-01T00:00:00Z';

/** The outcome of one Partner Center read: the value, or why it could not be read. */
export type ReadResult<T> = { ok: true; value: T } | { ok: false; reason: UnknownReason };

function latest(agreements: Agreement[]): Agreement | undefined {
  return agreements
    .filter((a) => a.type === 'MicrosoftCustomerAgreement')
    .reduce<Agreement | undefined>(
      (best, a) => (best === undefined || Date.parse(a.dateAgreed) > Date.parse(best.dateAgreed) ? a : best),
      undefined,
    );
}

/**
 * Pure derivation, so every rule is tested without Partner Center.
 *
 * @example
 * deriveStatus(customer, { ok: true, value: [] }, { ok: true, value: { isSigned: true } }, now).state
 * // 'accepted-directly'
 */
export function deriveStatus(
  customer: Customer,
  attestations: ReadResult<Agreement[]>,
  direct: ReadResult<DirectSignStatus>,
  now: Date,
): AgreementStatus {
  const profile = customer.companyProfile;
  const base: AgreementStatus = {
    state: 'unknown',
    customer: {
      tenantId: customer.id,
      companyName: profile.companyName,
      domain: profile.domain,
      country: customer.billingProfile?.defaultAddress?.country ?? profile.address?.country,
      culture: customer.billingProfile?.culture,
      relationshipToPartner: customer.relationshipToPartner,
    },
    checkedAt: now.toISOString(),
  };
  const last = attestations.ok ? latest(attestations.value) : undefined;
  if (last) {
    base.attestation = {
      dateAgreed: last.dateAgreed,
      signer: { firstName: last.primaryContact.firstName, lastName: last.primaryContact.lastName },
    };
  }
  const recent = last !== undefined && Date.parse(last.dateAgreed) >= Date.parse(REACCEPTANCE_CUTOFF);

  if (direct.ok && direct.value.isSigned) return { ...base, state: 'accepted-directly' };
  if (recent) return { ...base, state: 'accepted-attested' };
  // Without both reads we cannot rule out a direct acceptance we could not see.
  if (!direct.ok) return { ...base, state: 'unknown', reason: direct.reason };
  if (!attestations.ok) return { ...base, state: 'unknown', reason: attestations.reason };
  if (last) return { ...base, state: 'reacceptance-required' };
  return { ...base, state: 'not-accepted' };
}

/** True when Partner Center will accept new purchases for this customer (as far as the MCA goes). */
export function isMcaSatisfied(status: AgreementStatus): boolean {
  return status.state === 'accepted-attested' || status.state === 'accepted-directly';
}
