/**
 * Everything MCA Assist assumes about Partner Center's enhanced MCA attestation flow, in one module,
 * so that checking the live API means reading (and fixing) this file only.
 * Sources: shared/reference/enhanced-attestation.md and partner-center.md §1.5–1.6.
 *
 * Documented by Microsoft (PC/customers/integrate-sandbox-confirm-customer-accept, Create agreement):
 * - `POST /v{version}/attestations/enhanced` creates an attestation id; body rows `country` (ISO 3166-1
 *   alpha-2), `language`, `companyName`, `signatoryFirstName`, `signatoryLastName` — all required strings.
 * - App-only authentication only (indirect providers and direct-bill partners).
 * - The customer accepts in Microsoft's embeddable component; the partner then calls Create agreement
 *   (`POST /v{version}/customers/{id}/agreements`) with the attestation id.
 * - Same signatory (first/last name, email, phone) again → `600061` PartnerConfirmedAgreementAlreadyExists,
 *   mapped to PC_DUPLICATE_ATTESTATION in errors.ts.
 *
 * Assumed [UNCONFIRMED] — verify in the CSP integration sandbox:
 * - version `v1` in both paths.
 * - body field names `signatoryEmail` and `signatoryPhone` (the page lists email and an optional phone);
 *   `customerTenantId` sent as an extra field (no tenant id in the documented rows).
 * - response shape `{ attestationId, status, createdAt?, expiresAt?, acceptedAt?, … }`; we also read `id`
 *   and a few timestamp spellings, and prefer a ready link (`acceptanceUrl`, `url`, …) when one comes back.
 * - acceptance link `https://cdn.partner.microsoft.com/mca/?attestationid={id}` (two public
 *   integrations use it); the base is configurable so the sandbox can serve the page.
 * - status read `GET /v1/attestations/enhanced/{id}`.
 * - finalize body `{ attestationId, type: 'MicrosoftCustomerAgreement' }` on
 *   `POST /v1/customers/{id}/agreements`, answered with the created Agreement (as the legacy call did).
 * - status values: partners show linkgenerated/Pending/unverified, customeraccepted/accepted/Valid,
 *   linkexpired, agreementcreated; Microsoft's own enum is unknown. Unknown values count as `pending`
 *   (never finalize without evidence of acceptance) and are logged.
 */
import type { Logger } from '../core/logger';
import { AppError } from '../core/errors';
import { unexpectedShape } from './paging';
import type { Agreement, AgreementType } from './types';
import { assertLanguage, assertTenantId, normaliseCountry } from './validate';

export const DEFAULT_ACCEPTANCE_LINK_BASE = 'https://cdn.partner.microsoft.com/mca/';

/** Paths of the attestation calls; endpoints.ts registers them with their token kind. */
export const ATTESTATION_PATHS = {
  create: '/v1/attestations/enhanced',
  read: '/v1/attestations/enhanced/{attestationId}',
} as const;

export type EnhancedAttestationStatus = 'pending' | 'accepted' | 'expired' | 'finalized';

/** An attestation as MCA Assist understands it, whatever spelling Partner Center used. */
export interface EnhancedAttestation {
  attestationId: string;
  status: EnhancedAttestationStatus;
  /** Where the customer reads and accepts the MCA (no sign-in needed). */
  acceptanceUrl: string;
  createdAt?: string;
  expiresAt?: string;
  acceptedAt?: string;
  customerTenantId?: string;
}

export interface EnhancedAttestationInput {
  customerTenantId: string;
  /** ISO 3166-1 alpha-2 of the billing address, e.g. "DE". */
  country: string;
  /** Preferred agreement language, e.g. "de-DE". */
  language: string;
  companyName: string;
  signatoryFirstName: string;
  signatoryLastName: string;
  signatoryEmail: string;
  signatoryPhone?: string;
}

const STATUS_ALIASES: Record<string, EnhancedAttestationStatus> = {
  pending: 'pending',
  linkgenerated: 'pending',
  unverified: 'pending',
  created: 'pending',
  accepted: 'accepted',
  customeraccepted: 'accepted',
  // CloudFactory's "Valid": finalizing an already finalized attestation only costs a 600061.
  valid: 'accepted',
  expired: 'expired',
  linkexpired: 'expired',
  finalized: 'finalized',
  agreementcreated: 'finalized',
};

/**
 * Maps a status string from Partner Center (any case, spaces or underscores) to ours;
 * `undefined` when the value is unknown.
 *
 * @example
 * normaliseAttestationStatus('LinkGenerated'); // 'pending'
 * normaliseAttestationStatus('agreement_created'); // 'finalized'
 */
export function normaliseAttestationStatus(raw: unknown): EnhancedAttestationStatus | undefined {
  if (typeof raw !== 'string') return undefined;
  return STATUS_ALIASES[raw.toLowerCase().replace(/[^a-z]/g, '')];
}

/**
 * The acceptance link for an attestation id.
 *
 * @example
 * acceptanceLink(DEFAULT_ACCEPTANCE_LINK_BASE, 'a b'); // 'https://cdn.partner.microsoft.com/mca/?attestationid=a%20b'
 */
export function acceptanceLink(base: string, attestationId: string): string {
  return `${base}?attestationid=${encodeURIComponent(attestationId)}`;
}

// Not imported from endpoints.ts: that module imports this one.
const MCA: AgreementType = 'MicrosoftCustomerAgreement';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]{4,32}$/;

/**
 * Checks the input and builds the create body (documented rows first). Messages name the field,
 * never its value (personal data).
 */
export function attestationRequestBody(input: EnhancedAttestationInput): Record<string, string> {
  assertTenantId(input.customerTenantId);
  const country = normaliseCountry(input.country);
  assertLanguage(input.language);
  const text = (field: keyof EnhancedAttestationInput, what: string): string => {
    const value = input[field]?.trim() ?? '';
    if (value === '' || value.length > 200) throw invalid(`Enter the ${what} (at most 200 characters).`);
    return value;
  };
  const body: Record<string, string> = {
    country,
    language: input.language,
    companyName: text('companyName', 'company name'),
    signatoryFirstName: text('signatoryFirstName', "signatory's first name"),
    signatoryLastName: text('signatoryLastName', "signatory's last name"),
    signatoryEmail: text('signatoryEmail', "signatory's e-mail address"),
  };
  if (!EMAIL.test(body.signatoryEmail ?? '')) throw invalid("The signatory's e-mail address is not valid.");
  const phone = input.signatoryPhone?.trim();
  if (phone) {
    if (!PHONE.test(phone))
      throw invalid("The signatory's phone number may hold digits, spaces and + ( ) - . / only.");
    body.signatoryPhone = phone;
  }
  body.customerTenantId = input.customerTenantId.toLowerCase();
  return body;
}

export function finalizeRequestBody(attestationId: string): { attestationId: string; type: AgreementType } {
  return { attestationId, type: MCA };
}

export interface ReadOptions {
  linkBase: string;
  nowMs: number;
  log: Logger;
  /** Used when the body does not repeat it (e.g. the status read). */
  attestationId?: string;
  customerTenantId?: string;
}

/** Reads a create or status answer into an `EnhancedAttestation`. */
export function readAttestation(body: unknown, o: ReadOptions): EnhancedAttestation {
  if (typeof body !== 'object' || body === null) throw unexpectedShape('the attestation');
  const b = body as Record<string, unknown>;
  const attestationId = pick(b, ['attestationId', 'id']) ?? o.attestationId;
  if (!attestationId) throw unexpectedShape('the attestation (no attestation id)');
  const rawStatus = pick(b, ['status', 'state']);
  let status = normaliseAttestationStatus(rawStatus);
  if (status === undefined) {
    if (rawStatus !== undefined)
      o.log.warn({ rawStatus }, 'Unknown attestation status; treating it as pending');
    status = 'pending';
  }
  const expiresAt = pick(b, ['expiresAt', 'expirationDate', 'expiryDate', 'expiresOn', 'expirationDateTime']);
  // A link past its expiry is expired, even if Partner Center has not updated the status yet.
  if (status === 'pending' && expiresAt !== undefined && Date.parse(expiresAt) <= o.nowMs) status = 'expired';
  const ready = pick(b, ['acceptanceUrl', 'url', 'acceptanceLink', 'attestationUrl', 'link']);
  return definedOnly({
    attestationId,
    status,
    acceptanceUrl: ready && isHttpUrl(ready) ? ready : acceptanceLink(o.linkBase, attestationId),
    createdAt: pick(b, ['createdAt', 'createdDateTime', 'createdDate', 'creationDate']),
    expiresAt,
    acceptedAt: pick(b, ['acceptedAt', 'acceptedDateTime', 'acceptedDate']),
    customerTenantId: pick(b, ['customerTenantId', 'customerId', 'tenantId']) ?? o.customerTenantId,
  });
}

/** Reads the Create agreement answer; assumed to echo the Agreement like the legacy call. */
export function readFinalizedAgreement(body: unknown): Agreement {
  const b = body as Partial<Agreement> | null | undefined;
  if (typeof b !== 'object' || b === null || typeof b.dateAgreed !== 'string') {
    throw unexpectedShape('the created agreement');
  }
  return { ...b, type: b.type ?? MCA } as Agreement;
}

function pick(b: Record<string, unknown>, names: string[]): string | undefined {
  for (const name of names) {
    const value = b[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    return ['https:', 'http:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function invalid(message: string): AppError {
  return new AppError('INPUT_INVALID', message);
}
