import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { AppError } from '../core/errors';
import { translateTokenError } from '../partner-center/aadsts';
import { msalConfiguration, type MsalClient, type TokenProvider } from '../partner-center/auth';

/** App-only scope for Microsoft Graph: the app's granted application permissions (e.g. Mail.Send). */
export const GRAPH_APP_SCOPE = 'https://graph.microsoft.com/.default';

export interface GraphTokenOptions {
  /** The partner tenant, where the mailbox and the app registration live. */
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Default https://login.microsoftonline.com. */
  authorityHost?: string;
  /** Default: a real MSAL `ConfidentialClientApplication`; tests pass a fake. */
  createMsalClient?: (config: Configuration) => Pick<MsalClient, 'acquireTokenByClientCredential'>;
}

/**
 * App-only Graph tokens (client credentials); MSAL caches them until they near expiry. AADSTS
 * failures become AUTH_TOKEN_FAILED naming what to check, as for Partner Center (same app).
 *
 * @example
 * const getToken = createGraphTokenProvider({ tenantId, clientId, clientSecret });
 * const mail = createMailSender({ baseUrl: 'https://graph.microsoft.com', getToken, log });
 */
export function createGraphTokenProvider(options: GraphTokenOptions): TokenProvider {
  for (const [name, value] of Object.entries({
    tenantId: options.tenantId,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
  })) {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new AppError('CONFIG_INVALID', `The Microsoft Graph ${name} is empty; set it to send mail.`, {
        details: { setting: name },
      });
    }
  }
  const msal = (options.createMsalClient ?? ((c) => new ConfidentialClientApplication(c)))(
    msalConfiguration(options),
  );
  return async () => {
    try {
      const result = await msal.acquireTokenByClientCredential({ scopes: [GRAPH_APP_SCOPE] });
      if (!result?.accessToken) throw new Error('MSAL returned no access token');
      return result.accessToken;
    } catch (err) {
      throw translateTokenError(err, 'app', 'Microsoft Graph');
    }
  };
}
