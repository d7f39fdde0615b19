import { ConfidentialClientApplication, type AccountInfo, type Configuration } from '@azure/msal-node';
import { AppError } from '../core/errors';
import { translateTokenError } from './aadsts';
import type { GetToken } from './http';
import type { TokenKind } from './types';

/** App-only (client credentials) scope; the audience is the Partner Center API (reference §6). */
export const PARTNER_CENTER_APP_SCOPE = 'https://api.partnercenter.microsoft.com/.default';
/** Delegated scope redeemed from the secure-application-model refresh token. */
export const PARTNER_CENTER_USER_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation';

/** Returns a bearer token for Partner Center; MSAL caches and renews it. */
export type TokenProvider = () => Promise<string>;

/** The part of MSAL's `ConfidentialClientApplication` the providers use; tests pass a fake. */
export interface MsalClient {
  acquireTokenByClientCredential(request: { scopes: string[] }): Promise<{ accessToken: string } | null>;
  acquireTokenByRefreshToken(request: {
    scopes: string[];
    refreshToken: string;
    forceCache?: boolean;
  }): Promise<{ accessToken: string; account: AccountInfo | null } | null>;
  acquireTokenSilent(request: { scopes: string[]; account: AccountInfo }): Promise<{ accessToken: string }>;
}

export type MsalClientFactory = (config: Configuration) => MsalClient;

export interface AppOnlyTokenOptions {
  /** The partner tenant (PARTNER_TENANT_ID). */
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Default https://login.microsoftonline.com. */
  authorityHost?: string;
  /** Default: a real MSAL `ConfidentialClientApplication`. */
  createMsalClient?: MsalClientFactory;
}

export interface AppUserTokenOptions extends AppOnlyTokenOptions {
  /** Secure application model refresh token of the integration account (PARTNER_CENTER_REFRESH_TOKEN). */
  refreshToken: string;
}

/**
 * App-only tokens via client credentials. One MSAL instance per provider, so its in-memory cache
 * serves repeated calls until the token nears expiry.
 *
 * @example
 * const app = createAppOnlyTokenProvider({ tenantId, clientId, clientSecret });
 * const token = await app();
 */
export function createAppOnlyTokenProvider(options: AppOnlyTokenOptions): TokenProvider {
  const msal = createMsal(options);
  return async () => {
    try {
      const result = await msal.acquireTokenByClientCredential({ scopes: [PARTNER_CENTER_APP_SCOPE] });
      if (!result?.accessToken) throw new Error('MSAL returned no access token');
      return result.accessToken;
    } catch (err) {
      throw translateTokenError(err, 'app');
    }
  };
}

/**
 * App+User tokens (secure application model): the stored refresh token is redeemed once, then MSAL
 * renews silently from its cache (including any rotated refresh token). Concurrent callers share
 * one redemption.
 *
 * @example
 * const user = createAppUserTokenProvider({ tenantId, clientId, clientSecret, refreshToken });
 */
export function createAppUserTokenProvider(options: AppUserTokenOptions): TokenProvider {
  required('PARTNER_CENTER_REFRESH_TOKEN', options.refreshToken);
  const msal = createMsal(options);
  const scopes = [PARTNER_CENTER_USER_SCOPE];
  let account: AccountInfo | null = null;
  let inFlight: Promise<string> | undefined;

  async function acquire(): Promise<string> {
    if (account) {
      try {
        return (await msal.acquireTokenSilent({ scopes, account })).accessToken;
      } catch {
        // The cached session is unusable (e.g. evicted); redeeming the configured refresh token below
        // either recovers or fails with the error that names what to fix.
      }
    }
    // forceCache: without an account in the cache MSAL would not keep this result for silent renewal.
    const result = await msal.acquireTokenByRefreshToken({
      scopes,
      refreshToken: options.refreshToken,
      forceCache: true,
    });
    if (!result?.accessToken) throw new Error('MSAL returned no access token');
    account = result.account;
    return result.accessToken;
  }

  return () => {
    inFlight ??= acquire()
      .catch((err: unknown) => {
        throw translateTokenError(err, 'user');
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}

/**
 * Chooses the provider by token kind; the client asks for the kind each endpoint needs.
 *
 * @example
 * const getToken = createTokenGetter({ app: createAppOnlyTokenProvider(o), user: createAppUserTokenProvider(o) });
 */
export function createTokenGetter(providers: { app?: TokenProvider; user?: TokenProvider }): GetToken {
  return async (kind: TokenKind) => {
    const provider = kind === 'app' ? providers.app : providers.user;
    if (provider) return provider();
    throw new AppError(
      'CONFIG_INVALID',
      kind === 'user'
        ? 'This Partner Center call needs an App+User token, but no refresh token is configured. Run the consent ' +
            'step and set PARTNER_CENTER_REFRESH_TOKEN.'
        : 'This Partner Center call needs an app-only token. Set PARTNER_CENTER_CLIENT_ID and PARTNER_CENTER_CLIENT_SECRET.',
      { details: { tokenKind: kind } },
    );
  };
}

/**
 * Fixed tokens, for the sandbox emulator (which tells the kinds apart by value).
 *
 * @example
 * const getToken = createStaticTokenGetter({ app: SANDBOX_APP_TOKEN, user: SANDBOX_USER_TOKEN });
 */
export function createStaticTokenGetter(tokens: { app: string; user: string }): GetToken {
  return async (kind: TokenKind) => (kind === 'app' ? tokens.app : tokens.user);
}

function createMsal(options: AppOnlyTokenOptions): MsalClient {
  required('PARTNER_TENANT_ID', options.tenantId);
  required('PARTNER_CENTER_CLIENT_ID', options.clientId);
  required('PARTNER_CENTER_CLIENT_SECRET', options.clientSecret);
  const host = (options.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const config: Configuration = {
    auth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authority: `${host}/${encodeURIComponent(options.tenantId)}`,
    },
  };
  return (options.createMsalClient ?? ((c) => new ConfidentialClientApplication(c)))(config);
}

function required(variable: string, value: string | undefined): void {
  if (typeof value === 'string' && value.trim() !== '') return;
  throw new AppError('CONFIG_INVALID', `${variable} is empty; set it to use Partner Center.`, {
    details: { variable },
  });
}
