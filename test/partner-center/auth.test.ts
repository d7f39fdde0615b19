import {
  InteractionRequiredAuthError,
  ServerError,
  type AccountInfo,
  type Configuration,
} from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import {
  PARTNER_CENTER_APP_SCOPE,
  PARTNER_CENTER_USER_SCOPE,
  createAppOnlyTokenProvider,
  createAppUserTokenProvider,
  createStaticTokenGetter,
  createTokenGetter,
  translateTokenError,
  type MsalClient,
} from '../../src/partner-center';
import { rejectionOf } from './helpers';

const PARTNER_TENANT = '7d1c0c2a-5f43-4c8e-9a3b-2f6d1e8b4a10';
const SECRET = 'super-secret-value';
const REFRESH = 'refresh-token-value';
const base = { tenantId: PARTNER_TENANT, clientId: 'client-id-1', clientSecret: SECRET };
const account: AccountInfo = {
  homeAccountId: 'h',
  environment: 'login',
  tenantId: PARTNER_TENANT,
  username: 'u',
  localAccountId: 'l',
};

/** A stand-in for MSAL's ConfidentialClientApplication that records what it is asked. */
function fakeMsal(overrides: Partial<MsalClient> = {}) {
  const configs: Configuration[] = [];
  const calls: { method: string; request: Record<string, unknown> }[] = [];
  let issued = 0;
  const client: MsalClient = {
    async acquireTokenByClientCredential(request) {
      calls.push({ method: 'clientCredential', request });
      return { accessToken: `app-${++issued}` };
    },
    async acquireTokenByRefreshToken(request) {
      calls.push({ method: 'refreshToken', request });
      return { accessToken: `user-${++issued}`, account: account };
    },
    async acquireTokenSilent(request) {
      calls.push({ method: 'silent', request });
      return { accessToken: `silent-${++issued}` };
    },
    ...overrides,
  };
  const createMsalClient = (config: Configuration) => {
    configs.push(config);
    return client;
  };
  return { createMsalClient, configs, calls };
}

/** Builds an error the way MSAL does from an Entra token-endpoint answer. */
function entraError(error: string, aadsts: number, text: string, interaction = false) {
  const message = `Error(s): ${aadsts} - Timestamp: 2025-01-01 10:00:00Z - Description: AADSTS${aadsts}: ${text} Trace ID: t`;
  return interaction
    ? new InteractionRequiredAuthError(error, 'corr', message, 'basic_action', '', 't', '', String(aadsts))
    : new ServerError(error, 'corr', message, '', String(aadsts), 400);
}

describe('app-only token provider', () => {
  it('asks MSAL for the Partner Center .default scope with the partner tenant as authority', async () => {
    const msal = fakeMsal();
    const getApp = createAppOnlyTokenProvider({ ...base, createMsalClient: msal.createMsalClient });

    expect(await getApp()).toBe('app-1');
    expect(msal.calls).toEqual([
      { method: 'clientCredential', request: { scopes: [PARTNER_CENTER_APP_SCOPE] } },
    ]);
    expect(PARTNER_CENTER_APP_SCOPE).toBe('https://api.partnercenter.microsoft.com/.default');
    expect(msal.configs[0]?.auth).toEqual({
      clientId: 'client-id-1',
      clientSecret: SECRET,
      authority: `https://login.microsoftonline.com/${PARTNER_TENANT}`,
    });
  });

  it('uses one MSAL instance for all calls and honours authorityHost', async () => {
    const msal = fakeMsal();
    const getApp = createAppOnlyTokenProvider({
      ...base,
      authorityHost: 'https://login.example.test/',
      createMsalClient: msal.createMsalClient,
    });

    await getApp();
    await getApp();

    expect(msal.configs).toHaveLength(1);
    expect(msal.configs[0]?.auth.authority).toBe(`https://login.example.test/${PARTNER_TENANT}`);
  });

  it('names the empty variable before creating an MSAL client', () => {
    const msal = fakeMsal();

    expect(() =>
      createAppOnlyTokenProvider({ ...base, clientSecret: ' ', createMsalClient: msal.createMsalClient }),
    ).toThrow(/PARTNER_CENTER_CLIENT_SECRET/);
    expect(msal.configs).toHaveLength(0);
  });
});

describe('App+User token provider', () => {
  it('redeems the refresh token for the user_impersonation scope, then renews silently', async () => {
    const msal = fakeMsal();
    const getUser = createAppUserTokenProvider({
      ...base,
      refreshToken: REFRESH,
      createMsalClient: msal.createMsalClient,
    });

    expect(await getUser()).toBe('user-1');
    expect(await getUser()).toBe('silent-2');

    expect(PARTNER_CENTER_USER_SCOPE).toBe('https://api.partnercenter.microsoft.com/user_impersonation');
    expect(msal.calls).toEqual([
      {
        method: 'refreshToken',
        request: { scopes: [PARTNER_CENTER_USER_SCOPE], refreshToken: REFRESH, forceCache: true },
      },
      { method: 'silent', request: { scopes: [PARTNER_CENTER_USER_SCOPE], account } },
    ]);
  });

  it('redeems the configured refresh token again when silent renewal fails', async () => {
    const msal = fakeMsal({
      acquireTokenSilent: async () => {
        throw new InteractionRequiredAuthError('no_tokens_found', 'corr');
      },
    });
    const getUser = createAppUserTokenProvider({
      ...base,
      refreshToken: REFRESH,
      createMsalClient: msal.createMsalClient,
    });

    await getUser();
    await getUser();

    expect(msal.calls.map((c) => c.method)).toEqual(['refreshToken', 'refreshToken']);
  });

  it('shares one redemption between concurrent callers', async () => {
    const msal = fakeMsal();
    const getUser = createAppUserTokenProvider({
      ...base,
      refreshToken: REFRESH,
      createMsalClient: msal.createMsalClient,
    });

    const tokens = await Promise.all([getUser(), getUser(), getUser()]);

    expect(tokens).toEqual(['user-1', 'user-1', 'user-1']);
    expect(msal.calls).toHaveLength(1);
  });

  it('translates an expired refresh token into AUTH_TOKEN_FAILED naming `npm run consent`', async () => {
    const msal = fakeMsal({
      acquireTokenByRefreshToken: async () => {
        throw entraError('invalid_grant', 700082, 'The refresh token has expired due to inactivity.');
      },
    });
    const getUser = createAppUserTokenProvider({
      ...base,
      refreshToken: REFRESH,
      createMsalClient: msal.createMsalClient,
    });

    const err = await rejectionOf(getUser());

    expect(err.code).toBe('AUTH_TOKEN_FAILED');
    expect(err.message).toContain('npm run consent');
    expect(err.details).toMatchObject({
      tokenKind: 'user',
      aadsts: 'AADSTS700082',
      msalErrorCode: 'invalid_grant',
    });
    expect(err.message).not.toContain(REFRESH);
  });
});

describe('AADSTS translation', () => {
  it.each([
    [
      'AADSTS7000215',
      entraError('invalid_client', 7000215, 'Invalid client secret provided.'),
      'PARTNER_CENTER_CLIENT_SECRET',
    ],
    [
      'AADSTS7000222',
      entraError('invalid_client', 7000222, 'The provided client secret keys are expired.'),
      'PARTNER_CENTER_CLIENT_SECRET',
    ],
    [
      'AADSTS700016',
      entraError('unauthorized_client', 700016, "Application with identifier 'x' was not found."),
      'PARTNER_CENTER_CLIENT_ID',
    ],
    ['AADSTS90002', entraError('invalid_request', 90002, "Tenant 'x' not found."), 'PARTNER_TENANT_ID'],
    ['AADSTS70008', entraError('invalid_grant', 70008, 'The refresh token has expired.'), 'npm run consent'],
    [
      'AADSTS700082',
      entraError('invalid_grant', 700082, 'The refresh token has expired due to inactivity.'),
      'npm run consent',
    ],
    [
      'AADSTS65001',
      entraError('invalid_grant', 65001, 'The user or administrator has not consented.', true),
      'consent',
    ],
    [
      'AADSTS50076',
      entraError('invalid_grant', 50076, 'you must use multi-factor authentication.', true),
      'MFA',
    ],
    [
      'AADSTS50079',
      entraError('interaction_required', 50079, 'The user is required to use MFA.', true),
      'MFA',
    ],
  ])('explains %s', (aadsts, error, expected) => {
    const err = translateTokenError(error, 'user');

    expect(err.code).toBe('AUTH_TOKEN_FAILED');
    expect(err.message).toContain(expected);
    expect(err.details.aadsts).toBe(aadsts);
    expect(err.cause).toBe(error);
  });

  it('treats invalid_grant without an AADSTS number as an expired refresh token', () => {
    const err = translateTokenError(new ServerError('invalid_grant', 'corr', 'Bad refresh token'), 'user');

    expect(err.message).toContain('npm run consent');
    expect(err.details.aadsts).toBeUndefined();
  });

  it('marks an unreachable Entra ID as retryable', () => {
    const err = translateTokenError(
      Object.assign(new Error('network'), { errorCode: 'network_error' }),
      'app',
    );

    expect(err.retryable).toBe(true);
    expect(err.message).toContain('login.microsoftonline.com');
  });

  it('falls back to listing every setting for an unknown error', () => {
    const err = translateTokenError(new Error('something odd'), 'app');

    expect(err.message).toContain('app-only');
    for (const variable of [
      'PARTNER_TENANT_ID',
      'PARTNER_CENTER_CLIENT_ID',
      'PARTNER_CENTER_CLIENT_SECRET',
    ]) {
      expect(err.message).toContain(variable);
    }
    expect(err.retryable).toBe(false);
  });
});

describe('token getters', () => {
  it('routes each token kind to its provider', async () => {
    const getToken = createTokenGetter({ app: async () => 'A', user: async () => 'U' });

    expect([await getToken('app'), await getToken('user')]).toEqual(['A', 'U']);
  });

  it('says to set PARTNER_CENTER_REFRESH_TOKEN when an App+User token is needed but not configured', async () => {
    const getToken = createTokenGetter({ app: async () => 'A' });

    const err = await rejectionOf(getToken('user'));

    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toContain('PARTNER_CENTER_REFRESH_TOKEN');
  });

  it('hands out fixed tokens for the sandbox', async () => {
    const getToken = createStaticTokenGetter({ app: 'sandbox-app-token', user: 'sandbox-user-token' });

    expect([await getToken('app'), await getToken('user')]).toEqual([
      'sandbox-app-token',
      'sandbox-user-token',
    ]);
  });
});
