import type { X509Certificate } from 'node:crypto';

/** Why a certificate was not trusted; each becomes a metrics label and a log fact (no personal data). */
export type ChainProblem = 'certificate-expired' | 'untrusted-certificate';

export interface TrustAnchors {
  /** Trusted root certificates (production: Microsoft's roots; sandbox and tests: a local test CA). */
  roots: readonly X509Certificate[];
  /** Intermediates known in advance; others are fetched through the certificate's AIA "CA Issuers" URL. */
  intermediates?: readonly X509Certificate[];
  /** Downloads an issuer named in an AIA extension (allow-listed origins only), or rejects. */
  fetchIssuer?: (url: string) => Promise<X509Certificate>;
}

const MAX_DEPTH = 5;

function isCurrent(cert: X509Certificate, now: Date): boolean {
  const t = now.getTime();
  return t >= Date.parse(cert.validFrom) && t <= Date.parse(cert.validTo);
}

function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** "CA Issuers - URI:http://…" lines of the Authority Information Access extension. */
function issuerUrls(cert: X509Certificate): string[] {
  const info = cert.infoAccess ?? '';
  return [...info.matchAll(/CA Issuers - URI:(\S+)/g)].map((m) => m[1] ?? '').filter(Boolean);
}

async function findIssuer(
  cert: X509Certificate,
  anchors: TrustAnchors,
): Promise<X509Certificate | undefined> {
  const known = anchors.intermediates?.find((i) => signedBy(cert, i));
  if (known || !anchors.fetchIssuer) return known;
  for (const url of issuerUrls(cert)) {
    try {
      const fetched = await anchors.fetchIssuer(url);
      if (signedBy(cert, fetched)) return fetched;
    } catch {
      // An unreachable or refused AIA URL just means this path does not lead to a trusted root.
    }
  }
  return undefined;
}

/**
 * Builds the chain from `leaf` up to one of the trusted roots, checking every signature and every
 * validity period against `now`. No revocation check: Partner Center's documentation does not ask
 * for one and the bot must not depend on CRL/OCSP reachability to receive events.
 *
 * @example
 * const problem = await verifyChain(cert, { roots: [microsoftRoot] }, clock.now());
 * if (problem) return reject(problem);
 */
export async function verifyChain(
  leaf: X509Certificate,
  anchors: TrustAnchors,
  now: Date,
): Promise<ChainProblem | undefined> {
  let cert = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (!isCurrent(cert, now)) return 'certificate-expired';
    if (anchors.roots.some((r) => r.fingerprint256 === cert.fingerprint256)) return undefined;
    const root = anchors.roots.find((r) => signedBy(cert, r));
    if (root) return isCurrent(root, now) ? undefined : 'certificate-expired';
    const issuer = await findIssuer(cert, anchors);
    if (!issuer || !issuer.ca) return 'untrusted-certificate';
    cert = issuer;
  }
  return 'untrusted-certificate';
}
