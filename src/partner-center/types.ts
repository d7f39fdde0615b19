/**
 * Partner Center REST resources as the API sends them (reference: shared/reference/partner-center.md).
 * Field names follow the documented JSON exactly; optional where the docs show them missing in some
 * responses (e.g. list items carry only id, companyProfile and relationshipToPartner).
 */

export type RelationshipToPartner = 'none' | 'reseller' | 'advisor' | 'syndication' | 'microsoft_support';

export interface Address {
  country: string;
  region?: string;
  city?: string;
  state?: string;
  addressLine1?: string;
  postalCode?: string;
  phoneNumber?: string;
}

export interface CompanyProfile {
  tenantId: string;
  domain: string;
  companyName: string;
  address?: Address;
  email?: string;
}

export interface BillingProfile {
  id?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  /** e.g. "de-DE" */
  culture?: string;
  /** e.g. "de" */
  language?: string;
  companyName?: string;
  defaultAddress?: Address;
  attributes?: { etag?: string; objectType?: string };
}

/** `GET /v1/customers/{id}` */
export interface Customer {
  id: string;
  commerceId?: string;
  companyProfile: CompanyProfile;
  billingProfile?: BillingProfile;
  relationshipToPartner?: RelationshipToPartner;
  allowDelegatedAccess?: boolean;
  customDomains?: string[];
  associatedPartnerId?: string;
  attributes?: { objectType?: string };
}

/** An item of `GET /v1/customers` (list or filter): only these fields are present. */
export interface CustomerSummary {
  id: string;
  companyProfile: Pick<CompanyProfile, 'tenantId' | 'domain' | 'companyName'>;
  relationshipToPartner?: RelationshipToPartner;
}

export interface Link {
  uri: string;
  method: string;
  headers: { key: string; value: string }[];
}

export interface Collection<T> {
  totalCount: number;
  items: T[];
  links?: { self?: Link; next?: Link; previous?: Link };
  continuationToken?: string;
  attributes?: { objectType?: string };
}

export type AgreementType = 'MicrosoftCloudAgreement' | 'MicrosoftCustomerAgreement';

/** `GET /v1/agreements?agreementType=MicrosoftCustomerAgreement` item. */
export interface AgreementMetadata {
  templateId: string;
  /** Documented name; read through `agreementKind`, which also accepts `type`. */
  agreementType?: AgreementType;
  type?: AgreementType;
  agreementLink: string;
  versionRank: number;
}

export interface PrimaryContact {
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber?: string;
}

/** `GET /v1/customers/{id}/agreements?agreementType=MicrosoftCustomerAgreement` item. */
export interface Agreement {
  primaryContact: PrimaryContact;
  templateId: string;
  /** UTC, e.g. "2019-08-26T00:00:00" */
  dateAgreed: string;
  /** Documented name; the client fills it from `agreementType` when only that is sent. */
  type: AgreementType;
  agreementType?: AgreementType;
  agreementLink?: string;
  userId?: string;
}

/** `GET /v1/customers/{id}/directSignedMicrosoftCustomerAgreementStatus` */
export interface DirectSignStatus {
  isSigned: boolean;
}

/** `GET /v1/agreementtemplates/{templateId}/document?language=&country=` */
export interface AgreementDocument {
  displayUri: string;
  downloadUri: string;
  language: string;
  country: string;
}

/** An item of `GET /v1/roles` (reference §10); other fields may come along. */
export interface PartnerRole {
  id: string;
  /** e.g. "Admin Agent", "Sales Agent" */
  name: string;
}

/** An item of `GET /v1/roles/{id}/usermembers`; `id` is the user's Entra object id (reference §10). */
export interface PartnerRoleMember {
  id: string;
  displayName?: string;
  userPrincipalName?: string;
}

/** `GET /v1/customers/relationshiprequests`: the partner's reusable reseller invitation (reference §2). */
export interface RelationshipRequest {
  url: string;
}

/** `GET|POST|PUT /webhooks/v1/registration` (reference §5); Partner Center spells these in PascalCase. */
export interface WebhookRegistration {
  SubscriberId?: string;
  WebhookUrl: string;
  WebhookEvents: string[];
}

/** One line to order: what `POST /v1/customers/{id}/carts` takes per line item (PC/developer/cart-resources). */
export interface CartLineItem {
  id: number;
  catalogItemId: string;
  friendlyName?: string;
  quantity: number;
  billingCycle?: string;
  termDuration?: string;
}

/** `POST /v1/customers/{id}/carts` answer (abridged); carts expire 7 days after creation. */
export interface Cart {
  id: string;
  creationTimestamp?: string;
  expirationTimestamp?: string;
  lineItems: CartLineItem[];
  status?: string;
}

/** An order a checkout created (abridged). */
export interface Order {
  id: string;
  referenceCustomerId?: string;
  status?: string;
  creationDate?: string;
}

/** A checkout line that failed; an MCA block may arrive here as code 13605 instead of an HTTP error. */
export interface OrderError {
  orderGroupId?: string;
  code: number | string;
  description?: string;
}

/** `POST /v1/customers/{id}/carts/{cartId}/checkout` answer (reference §4). */
export interface CartCheckoutResult {
  orders: Order[];
  orderErrors: OrderError[];
}

/** Partner Center error body; `code` arrives as a string or a number. */
export interface PartnerCenterErrorBody {
  code?: string | number;
  description?: string;
  message?: string;
  errorName?: string;
  isRetryable?: boolean;
  data?: unknown[];
  source?: string;
  parameters?: Record<string, unknown>;
  errorMessageExtended?: string;
  statusCode?: number;
}

/** Which kind of token an endpoint needs (reference §6). */
export type TokenKind = 'app' | 'user';

/** Fields a customer search may filter on (prefix, case-insensitive). */
export type CustomerSearchField = 'CompanyName' | 'Domain';
