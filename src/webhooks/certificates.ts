import { X509Certificate } from 'node:crypto';
import type { Clock } from '../core/clock';

/** Certificates are a few KB; anything much larger is not one. */
const MAX_CERTIFICATE_BYTES = 32 * 1024;
const DEFAULT_TTL_MS = 6 * 60 * 60_000;
const FETCH_TIMEOUT_MS = 5_000;

export class CertificateError extends Error {
  override readonly name = 'CertificateError';
  constructor(
    readonly reason: 'not-allowed' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

export interface CertificateSourceOptions {
  /**
   * Origins certificates may be downloaded from, e.g. `https://3psostorageacct.blob.core.windows.net`.
   * A URL on any other origin is refused before any request is made.
   */
  allowedOrigins: readonly string[];
  fetch?: typeof fetch;
  clock: Clock;
  /** How long a downloaded certificate is reused (never beyond its own expiry). Default 6 h. */
  ttlMs?: number;
}

/** Downloads certificates by URL, from allow-listed origins only, and keeps them for a while. */
export interface CertificateSource {
  get(url: string): Promise<X509Certificate>;
  /** Whether `url` is on an allowed origin (checked before anything is fetched). */
  allows(url: string): boolean;
}

/** All certificates in a PEM bundle (or the one certificate of a DER file). */
export function parseCertificates(data: Buffer | string): X509Certificate[] {
  const text = typeof data === 'string' ? data : data.toString('latin1');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (blocks) return blocks.map((pem) => new X509Certificate(pem));
  return [new X509Certificate(typeof data === 'string' ? Buffer.from(data, 'latin1') : data)];
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.username || parsed.password ? undefined : parsed.origin;
  } catch {
    return undefined;
  }
}

/**
 * @example
 * const certs = createCertificateSource({ allowedOrigins: ['https://3psostorageacct.blob.core.windows.net'], clock });
 * const cert = await certs.get(req.headers['x-ms-certificate-url']);
 */
export function createCertificateSource(options: CertificateSourceOptions): CertificateSource {
  const allowed = new Set(options.allowedOrigins.map((o) => originOf(o)).filter(Boolean));
  const doFetch = options.fetch ?? globalThis.fetch;
  const ttl = options.ttlMs ?? DEFAULT_TTL_MS;
  const cache = new Map<string, { cert: Promise<X509Certificate>; until: number }>();

  const allows = (url: string) => {
    const origin = originOf(url);
    return origin !== undefined && allowed.has(origin);
  };

  async function download(url: string): Promise<X509Certificate> {
    let body: Buffer;
    try {
      const res = await doFetch(url, { redirect: 'error', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      throw new CertificateError('unavailable', `certificate download failed: ${(err as Error).message}`);
    }
    if (body.length === 0 || body.length > MAX_CERTIFICATE_BYTES) {
      throw new CertificateError('unavailable', 'certificate download has an implausible size');
    }
    try {
      const [cert] = parseCertificates(body);
      if (!cert) throw new Error('empty');
      return cert;
    } catch {
      throw new CertificateError('unavailable', 'the downloaded file is not a certificate');
    }
  }

  return {
    allows,
    get(url) {
      if (!allows(url)) {
        return Promise.reject(
          new CertificateError('not-allowed', 'certificate URL is not on the allow-list'),
        );
      }
      const now = options.clock.now().getTime();
      const hit = cache.get(url);
      if (hit && now < hit.until) return hit.cert;
      const cert = download(url);
      const entry = { cert, until: now + ttl };
      cache.set(url, entry);
      cert.then(
        (c) => {
          // Never serve a certificate from cache past its own expiry.
          entry.until = Math.min(entry.until, Date.parse(c.validTo));
        },
        () => {
          // A failed download is not kept: the next delivery (Partner Center retries) tries again.
          if (cache.get(url) === entry) cache.delete(url);
        },
      );
      return cert;
    },
  };
}
