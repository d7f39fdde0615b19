import { constants, verify, type X509Certificate } from 'node:crypto';
import type { Clock } from '../core/clock';
import { CertificateError, type CertificateSource } from './certificates';
import { verifyChain, type TrustAnchors } from './chain';

/** Why a webhook request was refused. Used as the metrics label, so keep the set small and stable. */
export type WebhookRejection =
  | 'unsigned'
  | 'unsupported-algorithm'
  | 'certificate-url-not-allowed'
  | 'certificate-unavailable'
  | 'certificate-expired'
  | 'untrusted-certificate'
  | 'wrong-issuer'
  | 'wrong-subject'
  | 'bad-signature';

export type VerifyResult = { ok: true } | { ok: false; reason: WebhookRejection };

export interface WebhookTrustPolicy {
  certificates: CertificateSource;
  anchors: TrustAnchors;
  /** The leaf's issuer must contain `O=<this>`; Partner Center: "Microsoft Corporation". */
  issuerOrganization: string;
  /** The leaf's CN or a DNS name must be one of these domains or below one (e.g. "microsoft.com"). */
  subjectDomains: readonly string[];
}

export interface SignedRequest {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body exactly as received: the signature covers these bytes, not a re-serialised JSON. */
  rawBody: Buffer;
}

export interface WebhookVerifier {
  verify(request: SignedRequest): Promise<VerifyResult>;
}

const BASE64 = /^[A-Za-z0-9+/]{16,2048}={0,2}$/;

function header(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/** `Signature <base64>` (what Microsoft's sample parses) or the bare base64 value. */
function base64Signature(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const scheme = /^Signature\s+(\S+)$/i.exec(value);
  return scheme ? scheme[1] : value;
}

/** `Authorization: Signature <base64>`, or `x-ms-signature` when registered that way (reference §5). */
function signatureOf(headers: SignedRequest['headers']): Buffer | undefined {
  const auth = header(headers, 'authorization');
  const value = auth
    ? /^Signature\s+(\S+)$/i.exec(auth)?.[1]
    : base64Signature(header(headers, 'x-ms-signature'));
  return value && BASE64.test(value) ? Buffer.from(value, 'base64') : undefined;
}

function names(cert: X509Certificate): string[] {
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
  const dns = [...(cert.subjectAltName ?? '').matchAll(/DNS:([^,\s]+)/g)].map((m) => m[1] ?? '');
  return [cn, ...dns].filter((n): n is string => !!n).map((n) => n.toLowerCase());
}

function subjectMatches(cert: X509Certificate, domains: readonly string[]): boolean {
  const wanted = domains.map((d) => d.toLowerCase());
  return names(cert).some((n) => wanted.some((d) => n === d || n.endsWith(`.${d}`)));
}

function issuerMatches(cert: X509Certificate, organization: string): boolean {
  return cert.issuer.split('\n').some((part) => part.trim() === `O=${organization}`);
}

/**
 * Verifies a Partner Center webhook as Partner Center signs it (reference §5): signature header,
 * certificate URL on the allow-list, certificate chain to a trusted root, issuer organisation and
 * subject, then RSA-SHA256 (PKCS#1 v1.5) over the raw body.
 *
 * @example
 * const verifier = createWebhookVerifier(policy, clock);
 * const result = await verifier.verify({ headers: req.headers, rawBody });
 * if (!result.ok) return res.send(401);
 */
export function createWebhookVerifier(policy: WebhookTrustPolicy, clock: Clock): WebhookVerifier {
  return {
    async verify({ headers, rawBody }) {
      const signature = signatureOf(headers);
      const certificateUrl = header(headers, 'x-ms-certificate-url');
      if (!signature || !certificateUrl) return { ok: false, reason: 'unsigned' };
      if ((header(headers, 'x-ms-signature-algorithm') ?? '').toLowerCase() !== 'rsa-sha256') {
        return { ok: false, reason: 'unsupported-algorithm' };
      }
      if (!policy.certificates.allows(certificateUrl))
        return { ok: false, reason: 'certificate-url-not-allowed' };
      let cert: X509Certificate;
      try {
        cert = await policy.certificates.get(certificateUrl);
      } catch (err) {
        const notAllowed = err instanceof CertificateError && err.reason === 'not-allowed';
        return { ok: false, reason: notAllowed ? 'certificate-url-not-allowed' : 'certificate-unavailable' };
      }
      const problem = await verifyChain(cert, policy.anchors, clock.now());
      if (problem) return { ok: false, reason: problem };
      if (!issuerMatches(cert, policy.issuerOrganization)) return { ok: false, reason: 'wrong-issuer' };
      if (!subjectMatches(cert, policy.subjectDomains)) return { ok: false, reason: 'wrong-subject' };
      if (cert.publicKey.asymmetricKeyType !== 'rsa') return { ok: false, reason: 'unsupported-algorithm' };
      const valid = verify(
        'sha256',
        rawBody,
        { key: cert.publicKey, padding: constants.RSA_PKCS1_PADDING },
        signature,
      );
      return valid ? { ok: true } : { ok: false, reason: 'bad-signature' };
    },
  };
}
