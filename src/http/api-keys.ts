import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Bearer keys (PURCHASE_API_KEYS) compared in constant time: the presented key and every configured
 * key are hashed to 32 bytes (so lengths never differ) and all keys are compared, match or not, so
 * the answer time says nothing about which key or how much of it matched. Keys are never logged;
 * callers are named by position ("key 2").
 *
 * @example
 * const check = createApiKeyCheck(config.purchases.apiKeys);
 * check(req.headers.authorization) // 0-based index of the key, or -1
 */
export function createApiKeyCheck(
  keys: readonly string[],
  equal: (a: Buffer, b: Buffer) => boolean = timingSafeEqual,
): (authorization: string | undefined) => number {
  const known = keys.map(digest);
  return (authorization) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const presented = digest(m?.[1] ?? '');
    let found = -1;
    for (const [i, key] of known.entries()) {
      if (equal(key, presented) && found < 0) found = i;
    }
    return m ? found : -1;
  };
}

/** A token bucket per key: `perMinute` sustained, at most a minute's worth at once. */
export function createKeyRateLimit(perMinute: number, now: () => number): (key: number) => number {
  const buckets = new Map<number, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  /** @returns 0 when the request may go ahead, else milliseconds until it may. */
  return (key) => {
    const t = now();
    const b = buckets.get(key) ?? { tokens: perMinute, at: t };
    b.tokens = Math.min(perMinute, b.tokens + (t - b.at) * perMs);
    b.at = t;
    buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / perMs);
  };
}
