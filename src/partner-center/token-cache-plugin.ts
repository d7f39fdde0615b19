import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { RecordStore } from '../store/types';
import { openToken, sealToken } from './token-crypto';

/** Where the encrypted MSAL cache (with the newest refresh token) is kept in the store. */
export const TOKEN_CACHE_RECORD = { kind: 'credentials', id: 'partner-center-msal' } as const;
const CONTEXT = `${TOKEN_CACHE_RECORD.kind}/${TOKEN_CACHE_RECORD.id}`;

interface SealedCache {
  sealed: string;
  savedAt: string;
}

/**
 * An MSAL cache plugin that keeps MSAL's token cache — and with it the refresh token Entra rotates
 * at every redemption — in the store, sealed with AES-256-GCM (TOKEN_ENCRYPTION_KEY). It goes
 * through the generic RecordStore, so every instance sharing a store (SQLite file, Azure Tables)
 * starts from the newest token.
 *
 * @example
 * new ConfidentialClientApplication({ auth, cache: { cachePlugin: storeCachePlugin(store.records, key, clock) } });
 */
export function storeCachePlugin(records: RecordStore, key: Buffer, now: () => Date): ICachePlugin {
  return {
    async beforeCacheAccess(context: TokenCacheContext) {
      const stored = await records.get<SealedCache>(TOKEN_CACHE_RECORD.kind, TOKEN_CACHE_RECORD.id);
      if (stored) context.tokenCache.deserialize(openToken(key, stored.value.sealed, CONTEXT));
    },
    async afterCacheAccess(context: TokenCacheContext) {
      if (!context.cacheHasChanged) return;
      const value: SealedCache = {
        sealed: sealToken(key, context.tokenCache.serialize(), CONTEXT),
        savedAt: now().toISOString(),
      };
      // '*': this cache was written right after a redemption, so it holds the newest refresh token
      // even if another instance saved in between (its older token stays valid until it expires).
      await records.put(TOKEN_CACHE_RECORD.kind, TOKEN_CACHE_RECORD.id, value, '*');
    },
  };
}

/** True when the store holds a token cache (the consent step or an earlier start stored one). */
export async function hasStoredTokenCache(records: RecordStore): Promise<boolean> {
  return (await records.get(TOKEN_CACHE_RECORD.kind, TOKEN_CACHE_RECORD.id)) !== undefined;
}

/**
 * Start-up check: the key opens what is stored (a wrong TOKEN_ENCRYPTION_KEY is a clear start-up
 * error, not a failure at the first Partner Center call).
 *
 * @example
 * await assertTokenKeyOpensStore(store.records, key); // throws CONFIG_INVALID naming TOKEN_ENCRYPTION_KEY
 */
export async function assertTokenKeyOpensStore(records: RecordStore, key: Buffer): Promise<void> {
  const stored = await records.get<SealedCache>(TOKEN_CACHE_RECORD.kind, TOKEN_CACHE_RECORD.id);
  if (stored) openToken(key, stored.value.sealed, CONTEXT);
}
