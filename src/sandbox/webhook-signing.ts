import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { issueCertificate } from './test-certificates';

/** The sandbox's stand-in for Microsoft's webhook signing certificate and the CA a test bot trusts. */
export interface WebhookSigningMaterial {
  caPem: string;
  ca: X509Certificate;
  certificate: X509Certificate;
  privateKey: KeyObject;
  /** The CA's organisation: the bot checks the signing certificate's issuer against it. */
  issuerOrganization: string;
  /** The signing certificate's domain: the bot checks the subject against it. */
  subjectDomain: string;
}

const SANDBOX_WEBHOOK_ISSUER_ORG = 'MCA Assist Sandbox Test CA';
const SANDBOX_WEBHOOK_SUBJECT_DOMAIN = 'sandbox.mca-assist.invalid';
const FILES = { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem' };

function generate(now: Date): { caPem: string; certPem: string; keyPem: string } {
  const notBefore = new Date(now.getTime() - 86_400_000);
  const notAfter = new Date(now.getTime() + 2 * 365 * 86_400_000);
  const ca = issueCertificate({
    subject: {
      country: 'US',
      organization: SANDBOX_WEBHOOK_ISSUER_ORG,
      commonName: 'MCA Assist Sandbox Root',
    },
    isCa: true,
    notBefore,
    notAfter,
  });
  const name = `pcnotifications-dispatch.${SANDBOX_WEBHOOK_SUBJECT_DOMAIN}`;
  const leaf = issueCertificate({
    subject: { country: 'US', organization: 'MCA Assist Sandbox', commonName: name },
    issuer: ca,
    isCa: false,
    dnsNames: [name],
    notBefore,
    notAfter,
  });
  return { caPem: ca.certificatePem, certPem: leaf.certificatePem, keyPem: leaf.privateKeyPem };
}

function organizationOf(cert: X509Certificate): string {
  return /(?:^|\n)O=([^\n]+)/.exec(cert.subject)?.[1] ?? '';
}

function domainOf(cert: X509Certificate): string {
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1] ?? '';
  return cn.split('.').slice(1).join('.') || cn;
}

/**
 * The CA and signing certificate: read from `dir` (ca.pem, cert.pem, key.pem — bring your own, e.g.
 * made with openssl), generated there when missing, or generated in memory when no folder is set.
 *
 * @example
 * const material = loadSigningMaterial({ dir: '.data/sandbox-webhook', now: new Date() });
 */
export function loadSigningMaterial(options: { dir?: string; now: Date }): WebhookSigningMaterial {
  let files: { caPem: string; certPem: string; keyPem: string };
  const at = (name: string) => path.join(options.dir ?? '', name);
  if (options.dir && Object.values(FILES).every((f) => existsSync(at(f)))) {
    files = {
      caPem: readFileSync(at(FILES.ca), 'utf8'),
      certPem: readFileSync(at(FILES.cert), 'utf8'),
      keyPem: readFileSync(at(FILES.key), 'utf8'),
    };
  } else {
    files = generate(options.now);
    if (options.dir) {
      mkdirSync(options.dir, { recursive: true });
      writeFileSync(at(FILES.ca), files.caPem);
      writeFileSync(at(FILES.cert), files.certPem);
      writeFileSync(at(FILES.key), files.keyPem, { mode: 0o600 });
    }
  }
  const ca = new X509Certificate(files.caPem);
  const certificate = new X509Certificate(files.certPem);
  return {
    caPem: files.caPem,
    ca,
    certificate,
    privateKey: createPrivateKey(files.keyPem),
    issuerOrganization: organizationOf(ca),
    subjectDomain: domainOf(certificate),
  };
}
