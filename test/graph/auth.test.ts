import { ServerError, type Configuration } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/core/errors';
import { GRAPH_APP_SCOPE, createGraphTokenProvider } from '../../src/graph';

const base = {
  tenantId: '7d1c0c2a-5f43-4c8e-9a3b-2f6d1e8b4a10',
  clientId: 'client-1',
  clientSecret: 'very-secret',
};

async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

describe('Graph token provider', () => {
  it('asks MSAL for client credentials with the Graph .default scope in the partner tenant', async () => {
    const configs: Configuration[] = [];
    const scopes: string[][] = [];
    const getToken = createGraphTokenProvider({
      ...base,
      createMsalClient: (config) => {
        configs.push(config);
        return {
          acquireTokenByClientCredential: async (request) => {
            scopes.push(request.scopes);
            return { accessToken: 'graph-token' };
          },
        };
      },
    });

    expect(await getToken()).toBe('graph-token');
    expect(scopes).toEqual([[GRAPH_APP_SCOPE]]);
    expect(GRAPH_APP_SCOPE).toBe('https://graph.microsoft.com/.default');
    expect(configs[0]?.auth.authority).toBe(`https://login.microsoftonline.com/${base.tenantId}`);
  });

  it('translates an AADSTS failure into AUTH_TOKEN_FAILED naming Microsoft Graph, without the secret', async () => {
    const getToken = createGraphTokenProvider({
      ...base,
      createMsalClient: () => ({
        acquireTokenByClientCredential: async () => {
          const text =
            'Error(s): 7000215 - Description: AADSTS7000215: Invalid client secret provided. Trace ID: t';
          throw new ServerError('invalid_client', 'corr', text, '', '7000215', 401);
        },
      }),
    });

    const err = await rejectionOf(getToken());

    expect(err.code).toBe('AUTH_TOKEN_FAILED');
    expect(err.message).toContain('Microsoft Graph token');
    expect(err.message).toContain('client secret');
    expect(err.details).toMatchObject({ aadsts: 'AADSTS7000215', service: 'Microsoft Graph' });
    expect(err.message).not.toContain('very-secret');
  });

  it('refuses empty settings at creation', () => {
    expect(() => createGraphTokenProvider({ ...base, clientSecret: ' ' })).toThrow(/clientSecret/);
  });
});
