/**
 * Partner Center REST client and token providers. Everything outside this folder imports from here.
 */
export { createPartnerCenterClient } from './client';
export type { PartnerCenterClient, PartnerCenterClientOptions } from './client';
export type { CallLimiter, GetToken, OnRequest } from './http';
export type { RetryOptions } from './retry-policy';
export { toAppError } from './errors';
export type { ToAppErrorOptions } from './errors';
export {
  createAppOnlyTokenProvider,
  createAppUserTokenProvider,
  createTokenGetter,
  createStaticTokenGetter,
  PARTNER_CENTER_APP_SCOPE,
  PARTNER_CENTER_USER_SCOPE,
} from './auth';
export type {
  TokenProvider,
  AppOnlyTokenOptions,
  AppUserTokenOptions,
  MsalClient,
  MsalClientFactory,
} from './auth';
export { translateTokenError } from './aadsts';
export {
  DEFAULT_ACCEPTANCE_LINK_BASE,
  acceptanceLink,
  normaliseAttestationStatus,
} from './enhanced-attestation';
export type {
  EnhancedAttestation,
  EnhancedAttestationInput,
  EnhancedAttestationStatus,
} from './enhanced-attestation';
export * from './types';
