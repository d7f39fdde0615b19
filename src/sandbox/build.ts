import type {
  Agreement,
  AgreementType,
  PrimaryContact,
  RelationshipToPartner,
} from '../partner-center/types';
import {
  SANDBOX_ADMIN_AGENT_ID,
  SANDBOX_MCA_TEMPLATE_ID,
  SANDBOX_MCLOUD_TEMPLATE_ID,
  SANDBOX_SALES_AGENT_ID,
} from './constants';
import { scenarioOf } from './scenario';
import type { SandboxCustomer, Scenario } from './types';

/** The compact facts a seeded or generated customer is made from. */
export interface CustomerSpec {
  id: string;
  companyName: string;
  /** Lower-case ASCII; the domain becomes `<slug>.onmicrosoft.com`. */
  slug: string;
  country: string;
  culture: string;
  language: string;
  city: string;
  postalCode: string;
  addressLine1: string;
  state?: string;
  contact: PrimaryContact;
  relationship?: RelationshipToPartner;
  /** dateAgreed of each partner MCA attestation, e.g. "2024-05-14T09:30:00". */
  attestedOn?: string[];
  /** A legacy Cloud Agreement attestation: invisible to an MCA query, visible without agreementType. */
  cloudAgreementOn?: string;
  directlySigned?: boolean;
  /** What the data above is meant to produce; buildCustomer refuses a spec that says otherwise. */
  scenario?: Scenario;
}

/**
 * A stable GUID derived from another, for ids that only need to be consistent (commerceId, profile
 * id). FNV-1a plus a PRNG rather than a crypto hash: 10,000-customer portfolios build in milliseconds.
 */
function deriveGuid(from: string, salt: string): string {
  let h = 0x811c9dc5;
  const input = `${salt}:${from}`;
  for (let i = 0; i < input.length; i++) h = Math.imul(h ^ input.charCodeAt(i), 0x01000193);
  return idFrom(mulberry32(h));
}

/** A small, fast, seedable PRNG; quality is ample for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version-4-shaped GUID drawn from a PRNG. */
export function idFrom(random: () => number): string {
  const word = () =>
    Math.floor(random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  const h = word() + word() + word() + word();
  const variant = ((Number.parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
}

function attestation(type: AgreementType, dateAgreed: string, contact: PrimaryContact, n: number): Agreement {
  return {
    primaryContact: { ...contact },
    templateId: type === 'MicrosoftCustomerAgreement' ? SANDBOX_MCA_TEMPLATE_ID : SANDBOX_MCLOUD_TEMPLATE_ID,
    dateAgreed,
    type,
    // Alternate attesting staff so clients cannot assume a single partner user.
    userId: n % 2 === 0 ? SANDBOX_ADMIN_AGENT_ID : SANDBOX_SALES_AGENT_ID,
  };
}

export function buildCustomer(spec: CustomerSpec): SandboxCustomer {
  const domain = `${spec.slug}.onmicrosoft.com`;
  const address = {
    country: spec.country,
    city: spec.city,
    ...(spec.state === undefined ? {} : { state: spec.state }),
    addressLine1: spec.addressLine1,
    postalCode: spec.postalCode,
    phoneNumber: spec.contact.phoneNumber,
  };
  const agreements = (spec.attestedOn ?? []).map((d, i) =>
    attestation('MicrosoftCustomerAgreement', d, spec.contact, i),
  );
  if (spec.cloudAgreementOn)
    agreements.unshift(attestation('MicrosoftCloudAgreement', spec.cloudAgreementOn, spec.contact, 1));
  const customer: Omit<SandboxCustomer, 'scenario'> = {
    id: spec.id,
    commerceId: deriveGuid(spec.id, 'commerce'),
    companyProfile: {
      tenantId: spec.id,
      domain,
      companyName: spec.companyName,
      address: { country: spec.country, city: spec.city, postalCode: spec.postalCode },
      email: spec.contact.email,
    },
    billingProfile: {
      id: deriveGuid(spec.id, 'billing'),
      firstName: spec.contact.firstName,
      lastName: spec.contact.lastName,
      email: spec.contact.email,
      culture: spec.culture,
      language: spec.language,
      companyName: spec.companyName,
      defaultAddress: address,
      attributes: { etag: String(parseInt(spec.id.slice(0, 8), 16)), objectType: 'CustomerBillingProfile' },
    },
    relationshipToPartner: spec.relationship ?? 'reseller',
    allowDelegatedAccess: (spec.relationship ?? 'reseller') === 'reseller',
    customDomains: [domain],
    attributes: { objectType: 'Customer' },
    agreements,
    directlySigned: spec.directlySigned ?? false,
  };
  const scenario = scenarioOf(customer, agreements, customer.directlySigned);
  if (spec.scenario !== undefined && spec.scenario !== scenario) {
    throw new Error(
      `Sandbox customer ${spec.id} is declared '${spec.scenario}' but its data says '${scenario}'.`,
    );
  }
  return { ...customer, scenario };
}

/** A deep copy of the documented fields; much faster than structuredClone for 10,000-customer worlds. */
export function cloneCustomer(c: SandboxCustomer): SandboxCustomer {
  const { companyProfile: cp, billingProfile: bp } = c;
  const copy: SandboxCustomer = {
    ...c,
    companyProfile: { ...cp, ...(cp.address ? { address: { ...cp.address } } : {}) },
    agreements: c.agreements.map((a) => ({ ...a, primaryContact: { ...a.primaryContact } })),
  };
  if (bp) {
    copy.billingProfile = {
      ...bp,
      ...(bp.defaultAddress ? { defaultAddress: { ...bp.defaultAddress } } : {}),
      ...(bp.attributes ? { attributes: { ...bp.attributes } } : {}),
    };
  }
  if (c.customDomains) copy.customDomains = [...c.customDomains];
  if (c.attributes) copy.attributes = { ...c.attributes };
  return copy;
}
