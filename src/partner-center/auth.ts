import {
  ConfidentialClientApplication,
  type AccountInfo,
  type Configuration,
  type ICachePlugin,
  type INetworkModule,
} from '@azure/msal-node';
import { AppError, isAppError } from '../core/errors';
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
  acquireTokenSilent(request: {
    scopes: string[];
    account: AccountInfo;
    forceRefresh?: boolean;
  }): Promise<{ accessToken: string }>;
  /** MSAL's token cache (accounts of a stored consent); fakes may leave it out. */
  getTokenCache?(): { getAllAccounts(): Promise<AccountInfo[]> };
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
  /** Keeps MSAL's cache (the newest refresh token) outside the process: src/partner-center/token-cache-plugin.ts. */
  cachePlugin?: ICachePlugin;
  /** Where MSAL's HTTP goes (the sandbox's emulated sign-in: src/partner-center/login-network.ts). */
  networkClient?: INetworkModule;
}

export interface AppUserTokenOptions extends AppOnlyTokenOptions {
  /**
   * Secure application model refresh token of the integration account (PARTNER_CENTER_REFRESH_TOKEN),
   * redeemed only when no consent is stored in the token cache yet.
   */
  refreshToken?: string;
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
 * App+User tokens (secure application model). With a cache plugin, the consent lives in the store:
 * the first call after a start redeems the newest stored refresh token (forceRefresh), so Entra
 * rotates it and the plugin stores the new one; later calls renew silently from MSAL's cache. A
 * configured refresh token is redeemed only when nothing is stored yet (first start), which is what
 * used to lock the bot out ~90 days after consent. Concurrent callers share one redemption.
 *
 * @example
 * const user = createAppUserTokenProvider({ tenantId, clientId, clientSecret, refreshToken });
 */
export function createAppUserTokenProvider(options: AppUserTokenOptions): TokenProvider {
  if (!options.cachePlugin) required('PARTNER_CENTER_REFRESH_TOKEN', options.refreshToken);
  const msal = createMsal(options);
  const scopes = [PARTNER_CENTER_USER_SCOPE];
  let account: AccountInfo | null = null;
  let renewed = false;
  let inFlight: Promise<string> | undefined;

  async function acquire(): Promise<string> {
    account ??= (await msal.getTokenCache?.().getAllAccounts())?.[0] ?? null;
    if (account) {
      try {
        const result = await msal.acquireTokenSilent({
          scopes,
          account,
          ...(renewed ? {} : { forceRefresh: true }),
        });
        renewed = true;
        return result.accessToken;
      } catch (err) {
        // The stored session is unusable (expired, revoked); a configured refresh token may still
        // recover, else the error names what to fix.
        if (!options.refreshToken) throw err;
      }
    }
    if (!options.refreshToken) {
      throw new AppError(
        'AUTH_TOKEN_FAILED',
        'No Partner Center consent is stored yet. Run `npm run consent` with an Admin agent account ' +
          '(README › Going live); the bot then keeps the newest token, encrypted, in its store.',
        { details: { tokenKind: 'user' } },
      );
    }
    // forceCache: without an account in the cache MSAL would not keep this result for silent renewal.
    const result = await msal.acquireTokenByRefreshToken({
      scopes,
      refreshToken: options.refreshToken,
      forceCache: true,
    });
    if (!result?.accessToken) throw new Error('MSAL returned no access token');
    account = result.account;
    renewed = true;
    return result.accessToken;
  }

  return () => {
    inFlight ??= acquire()
      .catch((err: unknown) => {
        throw isAppError(err) ? err : translateTokenError(err, 'user');
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
  return (options.createMsalClient ?? ((c) => new ConfidentialClientApplication(c)))(
    msalConfiguration(options),
  );
}

/**
 * MSAL's configuration for one app registration signing in to one tenant with its secret: the
 * same for Partner Center and Microsoft Graph tokens.
 */
export function msalConfiguration(
  options: Pick<
    AppOnlyTokenOptions,
    'tenantId' | 'clientId' | 'clientSecret' | 'authorityHost' | 'cachePlugin' | 'networkClient'
  >,
): Configuration {
  const host = (options.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  return {
    auth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authority: `${host}/${encodeURIComponent(options.tenantId)}`,
    },
    ...(options.cachePlugin ? { cache: { cachePlugin: options.cachePlugin } } : {}),
    ...(options.networkClient ? { system: { networkClient: options.networkClient } } : {}),
  };
}

function required(variable: string, value: string | undefined): void {
  if (typeof value === 'string' && value.trim() !== '') return;
  throw new AppError('CONFIG_INVALID', `${variable} is empty; set it to use Partner Center.`, {
    details: { variable },
  });
}
