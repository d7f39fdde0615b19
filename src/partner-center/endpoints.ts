import { ATTESTATION_PATHS } from './enhanced-attestation';
import type { TokenKind } from './types';

/**
 * Every Partner Center endpoint the bot calls, with the token kind it needs (reference §6).
 * This table is the one place that knows Partner Center paths; `client.ts` looks endpoints up here.
 *
 * Token kinds: the agreement, direct-sign, document and metadata reads are documented as
 * App+User only. Getting a customer by id, listing and filtering customers, and carts and checkout
 * are documented for App-only and App+User ("This scenario supports authentication with both
 * standalone App and App+User credentials": learn.microsoft.com/partner-center/developer/
 * get-a-customer-by-id, …/create-a-cart, …/checkout-a-cart); we prefer App-only there: it does
 * not depend on the integration account's refresh token or MFA state.
 *
 * The enhanced attestation calls (create, status read, Create agreement with the attestation id) are
 * documented as App-only only; their paths beyond the create call are assumptions kept in
 * enhanced-attestation.ts. The token kind of the partner roles reads (§10) is not documented: we use
 * App+User, which works whenever the integration account is an Admin agent.
 */
export interface EndpointSpec {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Path template; `{name}` segments are filled in, escaped, by `expandPath`. */
  readonly path: string;
  readonly token: TokenKind;
  /** What a 403 without a more specific Partner Center code means on this endpoint. */
  readonly on403?: 'PC_NO_RELATIONSHIP';
}

export const ENDPOINTS = {
  getCustomer: { method: 'GET', path: '/v1/customers/{tenantId}', token: 'app' },
  listCustomers: { method: 'GET', path: '/v1/customers', token: 'app' },
  getAgreementMetadata: { method: 'GET', path: '/v1/agreements', token: 'user' },
  getCustomerAgreements: { method: 'GET', path: '/v1/customers/{tenantId}/agreements', token: 'user' },
  getDirectSignStatus: {
    method: 'GET',
    path: '/v1/customers/{tenantId}/directSignedMicrosoftCustomerAgreementStatus',
    token: 'user',
    // Partner Center answers this read with 403 when there is no reselling relationship (§1.3).
    on403: 'PC_NO_RELATIONSHIP',
  },
  getAgreementDocument: {
    method: 'GET',
    path: '/v1/agreementtemplates/{templateId}/document',
    token: 'user',
  },
  createEnhancedAttestation: { method: 'POST', path: ATTESTATION_PATHS.create, token: 'app' },
  getEnhancedAttestation: { method: 'GET', path: ATTESTATION_PATHS.read, token: 'app' },
  finalizeAgreement: { method: 'POST', path: '/v1/customers/{tenantId}/agreements', token: 'app' },
  listPartnerRoles: { method: 'GET', path: '/v1/roles', token: 'user' },
  listRoleMembers: { method: 'GET', path: '/v1/roles/{roleId}/usermembers', token: 'user' },
  // The reseller invitation link is per partner and reusable (reference §2).
  getResellerInvitation: { method: 'GET', path: '/v1/customers/relationshiprequests', token: 'user' },
  // Webhook registration accepts App-only and App+User (reference §5, §6); App-only needs no MFA.
  getWebhookRegistration: { method: 'GET', path: '/webhooks/v1/registration', token: 'app' },
  createWebhookRegistration: { method: 'POST', path: '/webhooks/v1/registration', token: 'app' },
  updateWebhookRegistration: { method: 'PUT', path: '/webhooks/v1/registration', token: 'app' },
  // Orders go through a cart (create, then checkout), both documented for App-only and App+User.
  createCart: { method: 'POST', path: '/v1/customers/{tenantId}/carts', token: 'app' },
  checkoutCart: { method: 'POST', path: '/v1/customers/{tenantId}/carts/{cartId}/checkout', token: 'app' },
} as const satisfies Record<string, EndpointSpec>;

export type EndpointName = keyof typeof ENDPOINTS;

/** The agreement type every agreement read passes; omitting it silently means the old Cloud Agreement (§1.1). */
export const MCA_AGREEMENT_TYPE = 'MicrosoftCustomerAgreement';

/**
 * Fills `{name}` placeholders with URL-escaped values, so an id can never change the path.
 *
 * @example
 * expandPath('/v1/customers/{tenantId}', { tenantId: 'a/b' }); // '/v1/customers/a%2Fb'
 */
export function expandPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`expandPath: no value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
}

/**
 * Builds a query string with `encodeURIComponent` (not URLSearchParams, which writes spaces as `+`).
 *
 * @example
 * toQueryString([['size', '10'], ['filter', '{"a":1}']]); // '?size=10&filter=%7B%22a%22%3A1%7D'
 */
export function toQueryString(query: ReadonlyArray<readonly [string, string]>): string {
  if (query.length === 0) return '';
  return '?' + query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}
