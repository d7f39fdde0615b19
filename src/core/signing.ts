import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 signatures for links and card data the bot hands out and must recognise again. */
export interface Signer {
  sign(parts: readonly string[]): string;
  verify(parts: readonly string[], signature: string): boolean;
}

/**
 * @example
 * const signer = createSigner(secret);
 * const sig = signer.sign(['agreement-document', 'DE', 'de-DE']);
 * signer.verify(['agreement-document', 'DE', 'de-DE'], sig) // true
 */
export function createSigner(secret: string): Signer {
  if (secret.length < 32) throw new Error('signing secret must have at least 32 characters');
  const mac = (parts: readonly string[]) =>
    // JSON keeps ["a|b"] and ["a","b"] apart, whatever the parts contain.
    createHmac('sha256', secret).update(JSON.stringify(parts)).digest();
  return {
    sign: (parts) => mac(parts).toString('base64url'),
    verify: (parts, signature) => {
      const expected = mac(parts);
      const given = Buffer.from(signature, 'base64url');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
