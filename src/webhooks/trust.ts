import { rootCertificates } from 'node:tls';
import type { X509Certificate } from 'node:crypto';
import type { Clock } from '../core/clock';
import { createCertificateSource, parseCertificates } from './certificates';
import type { WebhookTrustPolicy } from './signature';

/** Where Partner Center publishes its webhook signing certificate (reference §5). */
export const PARTNER_CENTER_CERTIFICATE_HOSTS = ['3psostorageacct.blob.core.windows.net'];
/** Where Microsoft's and DigiCert's intermediates are published (AIA "CA Issuers" URLs). */
const MICROSOFT_AIA_ORIGINS = ['http://www.microsoft.com', 'http://cacerts.digicert.com'];
/**
 * Roots Microsoft's TLS and signing certificates chain to, taken from Node's bundled Mozilla store
 * so no certificate file has to ship with the bot.
 */
const MICROSOFT_ROOT_NAMES = [
  'CN=Microsoft RSA Root Certificate Authority 2017',
  'CN=Microsoft ECC Root Certificate Authority 2017',
  'CN=DigiCert Global Root G2',
];

export function microsoftRoots(): X509Certificate[] {
  return rootCertificates
    .flatMap((pem) => parseCertificates(pem))
    .filter((c) => MICROSOFT_ROOT_NAMES.some((n) => c.subject.split('\n').includes(n)));
}

export interface TrustPolicyOptions {
  /** Hosts the certificate may come from (https only). */
  certificateHosts: readonly string[];
  /** Extra origins (scheme://host:port), e.g. the sandbox's plain-http address. */
  certificateOrigins?: readonly string[];
  /** Trusted roots; default Microsoft's. */
  roots?: readonly X509Certificate[];
  aiaOrigins?: readonly string[];
  issuerOrganization?: string;
  subjectDomains?: readonly string[];
  fetch?: typeof fetch;
  clock: Clock;
}

/**
 * The verifier's policy. Production: Partner Center's certificate host, Microsoft's roots, issuer
 * "Microsoft Corporation", subject under microsoft.com. The sandbox passes its own test CA instead.
 *
 * @example
 * const policy = createTrustPolicy({ certificateHosts: PARTNER_CENTER_CERTIFICATE_HOSTS, clock });
 */
export function createTrustPolicy(options: TrustPolicyOptions): WebhookTrustPolicy {
  const origins = [
    ...options.certificateHosts.map((h) => `https://${h}`),
    ...(options.certificateOrigins ?? []),
  ];
  const certificates = createCertificateSource({
    allowedOrigins: origins,
    fetch: options.fetch,
    clock: options.clock,
  });
  const aia = createCertificateSource({
    allowedOrigins: options.aiaOrigins ?? MICROSOFT_AIA_ORIGINS,
    fetch: options.fetch,
    clock: options.clock,
    ttlMs: 24 * 60 * 60_000,
  });
  return {
    certificates,
    anchors: { roots: options.roots ?? microsoftRoots(), fetchIssuer: (url) => aia.get(url) },
    issuerOrganization: options.issuerOrganization ?? 'Microsoft Corporation',
    subjectDomains: options.subjectDomains ?? ['microsoft.com'],
  };
}
