import { systemClock, sleep as defaultSleep, type Clock } from '../core/clock';
import { ENDPOINTS, MCA_AGREEMENT_TYPE, expandPath, toQueryString, type EndpointName } from './endpoints';
import { createPcHttp, type CallLimiter, type GetToken, type OnRequest, type PcRequest } from './http';
import { DEFAULT_METADATA_TTL_MS, agreementKind, cacheFor, pickMcaTemplate } from './mca-metadata';
import { createAttestationCalls } from './attestations';
import { createCustomerQueries } from './customers';
import {
  DEFAULT_ACCEPTANCE_LINK_BASE,
  type EnhancedAttestation,
  type EnhancedAttestationInput,
} from './enhanced-attestation';
import { asCollection, unexpectedShape } from './paging';
import { createRetryPolicy } from './retry-policy';
import { createOrderCalls } from './orders';
import { createRelationshipCalls } from './relationships';
import { createRoleQueries } from './roles';
import type {
  Agreement,
  AgreementDocument,
  AgreementMetadata,
  CartLineItem,
  Customer,
  CustomerSearchField,
  CustomerSummary,
  DirectSignStatus,
  Order,
  PartnerRole,
  PartnerRoleMember,
  RelationshipRequest,
  WebhookRegistration,
} from './types';
import { assertLanguage, assertTenantId, normaliseCountry } from './validate';
import type { HttpClientOptions } from '../core/http-attempt';

export interface PartnerCenterClientOptions extends HttpClientOptions {
  /** `https://api.partnercenter.microsoft.com` live; the sandbox URL in sandbox mode. */
  baseUrl: string;
  getToken: GetToken;
  /** `X-Locale`, default en-US. */
  locale?: string;
  onRequest?: OnRequest;
  /** For the metadata cache and Retry-After dates; default the system clock. */
  clock?: Clock;
  /** How long the MCA metadata is cached. Default 24 h. */
  metadataTtlMs?: number;
  /** One shared pace for all calls of this partner tenant (reference §7); awaited before every attempt. */
  limiter?: CallLimiter;
  /**
   * Where customers accept an attestation: `${base}?attestationid=…`. Default
   * https://cdn.partner.microsoft.com/mca/ (UNCONFIRMED, see enhanced-attestation.ts); the sandbox's
   * `${url}/mca/` in sandbox mode.
   */
  acceptanceLinkBase?: string;
}

export interface PartnerCenterClient {
  /** `GET /v1/customers/{id}` (App+User). */
  getCustomer(tenantId: string, signal?: AbortSignal): Promise<Customer>;
  /** Prefix search (case-insensitive, `starts_with`), following `links.next` until `limit` (default 20). */
  searchCustomers(
    field: CustomerSearchField,
    prefix: string,
    opts?: { limit?: number; pageSize?: number; signal?: AbortSignal },
  ): Promise<CustomerSummary[]>;
  /** Every customer, one page at a time (default 100 per page). */
  listCustomers(opts?: { pageSize?: number; signal?: AbortSignal }): AsyncIterable<CustomerSummary[]>;
  /** While a 429's Retry-After holds every call back: when calls resume (for "retrying at …"). */
  throttledUntil?(): Date | undefined;
  /** The MCA template (templateId, link); cached in memory. */
  getMcaMetadata(): Promise<AgreementMetadata>;
  /** Partner-attested MCA records of a customer (always with agreementType=MicrosoftCustomerAgreement). */
  getCustomerAgreements(tenantId: string, signal?: AbortSignal): Promise<Agreement[]>;
  /** Whether the customer accepted the MCA directly in the admin center. */
  getDirectSignStatus(tenantId: string, signal?: AbortSignal): Promise<DirectSignStatus>;
  /** A fresh (5-minute) preview/download link of the MCA for a country and language. */
  getAgreementDocument(country: string, language: string, signal?: AbortSignal): Promise<AgreementDocument>;
  /**
   * Starts an enhanced MCA attestation (App-only) and returns the link to send to the signatory.
   * Pass the same `requestId` (a GUID) when a job retries the same logical create: Partner Center
   * treats it as the same request. 600061 (same signatory already attested) → PC_DUPLICATE_ATTESTATION.
   */
  createEnhancedAttestation(
    input: EnhancedAttestationInput,
    opts?: { requestId?: string },
  ): Promise<EnhancedAttestation>;
  /** The attestation's current status (App-only); a pending link past its expiry reads as `expired`. */
  getEnhancedAttestation(attestationId: string): Promise<EnhancedAttestation>;
  /**
   * Create agreement with the attestation id (App-only): call only once the status is `accepted`.
   * Finalizing again answers 600061 → PC_DUPLICATE_ATTESTATION, which means "already done".
   */
  finalizeAgreement(
    customerTenantId: string,
    attestationId: string,
    opts?: { requestId?: string },
  ): Promise<Agreement>;
  /** `GET /v1/roles`: the partner's Partner Center roles (Admin Agent, Sales Agent, …). */
  listPartnerRoles(): Promise<PartnerRole[]>;
  /** `GET /v1/roles/{id}/usermembers`, all pages; `id` is the member's Entra object id. */
  listRoleMembers(roleId: string): Promise<PartnerRoleMember[]>;
  /** `GET /v1/customers/relationshiprequests`: the partner's reseller invitation link (per partner, reusable). */
  getResellerInvitation(): Promise<RelationshipRequest>;
  /**
   * Orders one line through a cart (`POST …/carts`, then `…/carts/{id}/checkout`). A line refused at
   * checkout throws like an HTTP error: 13605 → PC_MCA_REQUIRED.
   */
  placeOrder(
    customerTenantId: string,
    line: Omit<CartLineItem, 'id'>,
  ): Promise<{ cartId: string; orders: Order[] }>;
  /** `GET /webhooks/v1/registration`; undefined when nothing is registered. */
  getWebhookRegistration(): Promise<WebhookRegistration | undefined>;
  /** Registers (POST) or, when one exists, replaces (PUT) the webhook URL and events. */
  registerWebhook(
    webhookUrl: string,
    events: readonly string[],
  ): Promise<{ registration: WebhookRegistration; previous?: WebhookRegistration }>;
}

/** The client's request helper, handed to the per-area factories (attestations.ts). */
export type Call = <T>(
  name: EndpointName,
  params: Record<string, string>,
  query: [string, string][],
  more?: Partial<PcRequest>,
) => Promise<T>;

/**
 * The typed Partner Center REST client. The only code that knows Partner Center URLs.
 *
 * @example
 * const pc = createPartnerCenterClient({
 *   baseUrl: 'https://api.partnercenter.microsoft.com',
 *   getToken: createTokenGetter({ app: appOnly, user: appUser }),
 *   log,
 * });
 * const [status, records] = await Promise.all([pc.getDirectSignStatus(id), pc.getCustomerAgreements(id)]);
 */
export function createPartnerCenterClient(options: PartnerCenterClientOptions): PartnerCenterClient {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now().getTime();
  const baseUrl = options.baseUrl;
  const send = createPcHttp({
    baseUrl,
    getToken: options.getToken,
    fetch: options.fetch,
    log: options.log,
    timeoutMs: options.timeoutMs ?? 15_000,
    policy: createRetryPolicy(options.retry, options.random, now),
    sleep: options.sleep ?? defaultSleep,
    now,
    locale: options.locale ?? 'en-US',
    onRequest: options.onRequest,
    observer: options.observer,
    limiter: options.limiter,
  });

  const call: Call = <T>(
    name: EndpointName,
    params: Record<string, string>,
    query: [string, string][],
    more: Partial<PcRequest> = {},
  ): Promise<T> => {
    const endpoint = ENDPOINTS[name];
    const pathAndQuery = expandPath(endpoint.path, params) + toQueryString(query);
    return send<T>({ endpoint, pathAndQuery, logFields: params, ...more });
  };

  const metadata = cacheFor(
    async () => {
      const body = await call<unknown>('getAgreementMetadata', {}, [['agreementType', MCA_AGREEMENT_TYPE]]);
      return pickMcaTemplate(
        asCollection<AgreementMetadata>(body, 'the agreement metadata').items,
        options.log,
      );
    },
    clock,
    options.metadataTtlMs ?? DEFAULT_METADATA_TTL_MS,
  );

  return {
    async getCustomer(tenantId, signal) {
      assertTenantId(tenantId);
      return call<Customer>('getCustomer', { tenantId }, [], { signal });
    },

    ...createCustomerQueries(send, baseUrl),

    ...createAttestationCalls(call, {
      linkBase: options.acceptanceLinkBase ?? DEFAULT_ACCEPTANCE_LINK_BASE,
      now,
      log: options.log,
    }),

    ...createRoleQueries(send, baseUrl),

    ...createRelationshipCalls(call),

    ...createOrderCalls(call),

    getMcaMetadata: metadata,

    throttledUntil() {
      const until = options.limiter?.pausedUntilMs?.() ?? 0;
      return until > now() ? new Date(until) : undefined;
    },

    async getCustomerAgreements(tenantId, signal) {
      assertTenantId(tenantId);
      const query: [string, string][] = [['agreementType', MCA_AGREEMENT_TYPE]];
      const body = await call<unknown>('getCustomerAgreements', { tenantId }, query, { signal });
      return asCollection<Agreement>(body, "the customer's agreements").items.map((a) => ({
        ...a,
        type: agreementKind(a, 'type') as Agreement['type'],
      }));
    },

    async getDirectSignStatus(tenantId, signal) {
      assertTenantId(tenantId);
      const body = await call<DirectSignStatus>('getDirectSignStatus', { tenantId }, [], { signal });
      if (typeof body?.isSigned !== 'boolean') throw unexpectedShape('the direct-acceptance status');
      return { isSigned: body.isSigned };
    },

    async getAgreementDocument(country, language, signal) {
      const cc = normaliseCountry(country);
      assertLanguage(language);
      const { templateId } = await metadata();
      const query: [string, string][] = [
        ['language', language],
        ['country', cc],
      ];
      return call<AgreementDocument>('getAgreementDocument', { templateId }, query, { signal });
    },
  };
}
