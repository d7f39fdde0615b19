import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../core/errors';

const VERSION = 'v1';

/**
 * Reads TOKEN_ENCRYPTION_KEY: 32 bytes as 64 hex characters or base64 (e.g. `openssl rand -base64 32`).
 *
 * @example
 * parseTokenKey(process.env.TOKEN_ENCRYPTION_KEY); // Buffer(32)
 */
export function parseTokenKey(raw: string): Buffer | undefined {
  const text = raw.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

/**
 * AES-256-GCM with a random 96-bit nonce; the record is `v1.<nonce>.<tag>.<ciphertext>` (base64url).
 * `context` (e.g. the store key) is bound as additional data, so a blob cannot be moved elsewhere.
 *
 * @example
 * const blob = sealToken(key, JSON.stringify(cache), 'msal/partner-center');
 */
export function sealToken(key: Buffer, plaintext: string, context: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, nonce, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The inverse of `sealToken`; a wrong key or a changed blob is a start-up error that says which. */
export function openToken(key: Buffer, blob: string, context: string): string {
  const [version, nonce, tag, data] = blob.split('.');
  if (version !== VERSION || !nonce || !tag || data === undefined) {
    throw new AppError(
      'CONFIG_INVALID',
      'The stored Partner Center token is not in a format this version reads.',
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch (cause) {
    throw new AppError(
      'CONFIG_INVALID',
      'TOKEN_ENCRYPTION_KEY cannot decrypt the Partner Center token stored by an earlier start (wrong key?). ' +
        'Set the key it was stored with; or, to start over with this key, delete the stored token (record ' +
        'credentials/partner-center-msal) and run `npm run consent` again.',
      { cause },
    );
  }
}
