import { GUID } from '../core/ids';
import type { Agreement, PrimaryContact } from '../partner-center/types';
import { toWire, type NewAttestation } from './attestation-store';
import { userTokenForbidden } from './auth';
import { SANDBOX_MCA_TEMPLATE_ID } from './constants';
import { customerNotFound } from './customers';
import { badRequest, notFound, ok, pcError, type Reply } from './reply';
import type { Route, RouteContext } from './router';
import type { SandboxCustomer } from './types';

/**
 * The enhanced attestation API (reference enhanced-attestation.md). Documented: the create call, its
 * five body rows, App-only auth and 600061. Emulated on assumptions (kept in sync with
 * src/partner-center/enhanced-attestation.ts): email/phone field names, `customerTenantId`, the
 * response shape, the status read, the finalize body and the codes 600070/600071.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const REQUIRED = ['country', 'language', 'companyName', 'signatoryFirstName', 'signatoryLastName'] as const;

function invalidBody(problems: string[], fields: string[]): Reply {
  const reply = badRequest(`The request body is invalid: ${problems.join('; ')}.`);
  (reply.json as Record<string, unknown>).parameters = { fields };
  return reply;
}

/** Checks the create body; the problems name each field, as Partner Center's 400 answers do. */
function parseCreate(body: unknown): NewAttestation | Reply {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const fields: string[] = [];
  const problem = (name: string, rule: string) => {
    problems.push(`${name} ${rule}`);
    fields.push(name);
  };
  const text = (name: string, required: boolean): string | undefined => {
    const v = b[name];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (required || (v !== undefined && v !== null && v !== '')) {
      problem(name, 'is required and must be a non-empty string');
    }
    return undefined;
  };
  const [country, language, companyName, firstName, lastName] = REQUIRED.map((f) => text(f, true));
  const email = text('signatoryEmail', true);
  const phone = text('signatoryPhone', false);
  const customerTenantId = text('customerTenantId', false);
  if (country !== undefined && !/^[A-Z]{2}$/.test(country)) {
    problem('country', 'must be an ISO 3166-1 alpha-2 code such as "DE"');
  }
  if (language !== undefined && !LANGUAGE.test(language)) {
    problem('language', 'must be a language tag such as "de-DE"');
  }
  if (email !== undefined && !EMAIL.test(email)) problem('signatoryEmail', 'must be an e-mail address');
  if (customerTenantId !== undefined && !GUID.test(customerTenantId))
    problem('customerTenantId', 'must be a GUID');
  if (problems.length > 0) return invalidBody(problems, fields);
  const signatory: PrimaryContact = { firstName: firstName!, lastName: lastName!, email: email! };
  if (phone !== undefined) signatory.phoneNumber = phone;
  return {
    country: country!,
    language: language!,
    companyName: companyName!,
    signatory,
    ...(customerTenantId === undefined ? {} : { customerTenantId: customerTenantId.toLowerCase() }),
  };
}

/** Partner Center's duplicate rule: the same first/last name, email and phone (reference §1.5). */
function sameSignatory(a: PrimaryContact, b: PrimaryContact): boolean {
  const same = (x?: string, y?: string) => (x ?? '').trim().toLowerCase() === (y ?? '').trim().toLowerCase();
  const digits = (p?: string) => (p ?? '').replace(/\D/g, '');
  // A missing phone on either side does not make two otherwise identical signatories different.
  const phones =
    digits(a.phoneNumber) === '' ||
    digits(b.phoneNumber) === '' ||
    digits(a.phoneNumber) === digits(b.phoneNumber);
  return same(a.firstName, b.firstName) && same(a.lastName, b.lastName) && same(a.email, b.email) && phones;
}

function alreadyExists(): Reply {
  // The documented body (§1.5); the HTTP status of 600061 is not documented, 409 is the sandbox's choice.
  return pcError(
    409,
    600061,
    'A partner confirmed agreement already exists for the customer.',
    'PartnerConfirmedAgreementAlreadyExists',
  );
}

function hasSameAttestation(customer: SandboxCustomer, signatory: PrimaryContact): boolean {
  return customer.agreements.some(
    (a) => a.type === 'MicrosoftCustomerAgreement' && sameSignatory(a.primaryContact, signatory),
  );
}

function requestIdOf(ctx: RouteContext): string | undefined {
  const v = ctx.headers['ms-requestid'];
  return Array.isArray(v) ? v[0] : v;
}

/** POST /v1/attestations/enhanced (App-only). */
function createAttestation(ctx: RouteContext): Reply {
  const { world } = ctx;
  const store = world.enhancedAttestations;
  const again = store.createdBy(requestIdOf(ctx));
  if (again) return ok(toWire(again), 201);
  const input = parseCreate(ctx.body);
  if ('status' in input) return input;
  if (input.customerTenantId !== undefined) {
    const customer = world.getCustomer(input.customerTenantId);
    if (!customer) return customerNotFound(input.customerTenantId);
    if (hasSameAttestation(customer, input.signatory)) return alreadyExists();
  }
  const created = store.create(input, `${world.baseUrl}/mca/`);
  store.rememberCreate(requestIdOf(ctx), created.attestationId);
  return ok(toWire(created), 201);
}

/** GET /v1/attestations/enhanced/{id} (assumed path). */
function getAttestation({ params, world }: RouteContext): Reply {
  const a = world.enhancedAttestations.get(params.id ?? '');
  return a ? ok(toWire(a)) : notFound(`Attestation ${params.id ?? ''} was not found.`);
}

/**
 * POST /v1/customers/{id}/agreements: Create agreement with an attestation id. The legacy body
 * (contact + dateAgreed, App+User) was retired on 5 January 2026 and is refused with an explanation.
 */
function finalize(ctx: RouteContext): Reply {
  const { world, params } = ctx;
  const b = (typeof ctx.body === 'object' && ctx.body !== null ? ctx.body : {}) as Record<string, unknown>;
  const attestationId = b.attestationId;
  if (typeof attestationId !== 'string' || attestationId === '') {
    return badRequest(
      'Partner attestation with contact details and dateAgreed was retired on 5 January 2026. Create an ' +
        'enhanced attestation (POST /v1/attestations/enhanced), let the customer accept it, then send ' +
        '{"attestationId": "…", "type": "MicrosoftCustomerAgreement"}.',
      'LegacyAttestationRetired',
    );
  }
  if (ctx.tokenKind !== 'app') return userTokenForbidden();
  const customer = world.getCustomer(params.id ?? '');
  if (!customer) return customerNotFound(params.id);
  const store = world.enhancedAttestations;
  const again = store.finalizedBy(requestIdOf(ctx));
  if (again) return ok(structuredClone(again), 201);
  const a = store.get(attestationId);
  if (!a) return notFound(`Attestation ${attestationId} was not found.`);
  if (b.type !== undefined && b.type !== 'MicrosoftCustomerAgreement') {
    return badRequest('type must be "MicrosoftCustomerAgreement".', 'InvalidAgreementType');
  }
  if (a.customerTenantId !== undefined && a.customerTenantId !== customer.id.toLowerCase()) {
    return badRequest(
      `Attestation ${attestationId} was created for another customer.`,
      'AttestationCustomerMismatch',
    );
  }
  if (a.status === 'finalized') return alreadyExists();
  // 600070 / 600071 are the sandbox's own codes: Microsoft has not published these errors.
  if (a.status === 'expired') {
    return pcError(
      400,
      600071,
      'The attestation link has expired; create a new attestation.',
      'AttestationExpired',
    );
  }
  if (a.status !== 'accepted') {
    return pcError(
      400,
      600070,
      'The customer has not accepted the Microsoft Customer Agreement yet.',
      'AttestationNotAccepted',
    );
  }
  const agreement: Agreement = {
    primaryContact: { ...a.signatory },
    templateId: SANDBOX_MCA_TEMPLATE_ID,
    // The documented read format: UTC without offset, e.g. "2019-08-26T00:00:00".
    dateAgreed: (a.acceptedAt ?? a.createdAt).slice(0, 19),
    type: 'MicrosoftCustomerAgreement',
    agreementLink: 'https://aka.ms/customeragreement',
  };
  world.addAgreement(customer.id, agreement);
  store.markFinalized(a.attestationId);
  store.rememberFinalize(requestIdOf(ctx), agreement);
  return ok(structuredClone(agreement), 201);
}

export const attestationRoutes: Route[] = [
  { method: 'POST', template: '/v1/attestations/enhanced', auth: 'app', handle: createAttestation },
  { method: 'GET', template: '/v1/attestations/enhanced/{id}', auth: 'app', handle: getAttestation },
  // 'any': the legacy (App+User) body gets its retirement notice; the handler refuses a user token otherwise.
  {
    method: 'POST',
    template: '/v1/customers/{id}/agreements',
    auth: 'any',
    customerScoped: true,
    handle: finalize,
  },
];
