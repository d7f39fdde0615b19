import { PublicClientApplication, type INetworkModule } from '@azure/msal-node';
import type { RecordStore } from '../store/types';
import { PARTNER_CENTER_USER_SCOPE } from './auth';
import { assertTokenKeyOpensStore, storeCachePlugin } from './token-cache-plugin';

export interface ConsentOptions {
  tenantId: string;
  clientId: string;
  records: RecordStore;
  key: Buffer;
  now: () => Date;
  /** Shows Microsoft's "open … and enter the code …" sentence to the Admin agent. */
  say: (line: string) => void;
  /** The sandbox's emulated sign-in (src/partner-center/login-network.ts); default Microsoft Entra. */
  networkClient?: INetworkModule;
}

/**
 * The secure application model consent, device-code flow (MFA happens in the browser): an Admin
 * agent signs in, and MSAL's cache — with the refresh token — goes straight into the store,
 * encrypted with TOKEN_ENCRYPTION_KEY. The token itself is never shown or returned.
 *
 * @example
 * const who = await runConsent({ tenantId, clientId, records: store.records, key, now, say: console.log });
 */
export async function runConsent(options: ConsentOptions): Promise<{ account: string }> {
  await assertTokenKeyOpensStore(options.records, options.key);
  const msal = new PublicClientApplication({
    auth: { clientId: options.clientId, authority: `https://login.microsoftonline.com/${options.tenantId}` },
    cache: { cachePlugin: storeCachePlugin(options.records, options.key, options.now) },
    ...(options.networkClient ? { system: { networkClient: options.networkClient } } : {}),
  });
  const result = await msal.acquireTokenByDeviceCode({
    scopes: [PARTNER_CENTER_USER_SCOPE, 'offline_access'],
    deviceCodeCallback: (response) => options.say(response.message),
  });
  return { account: result?.account?.username ?? 'the signed-in account' };
}
