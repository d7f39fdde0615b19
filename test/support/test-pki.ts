import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { issueCertificate, type IssuedCertificate } from '../../src/sandbox/test-certificates';

export const ISSUER_URL = 'http://www.microsoft.com/pkiops/certs/test-issuing-ca.crt';
export const LEAF_NAME = 'pcnotifications-dispatch.microsoft.com';

export interface TestPki {
  /** Which tool made the certificates: the openssl CLI when present, else the sandbox's DER writer. */
  madeWith: 'openssl' | 'node';
  root: X509Certificate;
  intermediate: X509Certificate;
  /** Leaf issued by the intermediate (O=Microsoft Corporation), with an AIA link to it. */
  leaf: X509Certificate;
  leafDer: Buffer;
  leafKey: KeyObject;
  /** A look-alike chain under a root nobody trusts. */
  rogueLeaf: X509Certificate;
  rogueKey: KeyObject;
  /** Issued straight by the trusted root, but by an organisation other than Microsoft. */
  otherOrgLeaf: X509Certificate;
  otherOrgKey: KeyObject;
}

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function withOpenssl(): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'mca-pki-'));
  const f = (name: string) => path.join(dir, name);
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ext = (name: string, lines: string[]) => writeFileSync(f(name), lines.join('\n') + '\n');
  const root = (name: string, subject: string) =>
    run(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      f(`${name}.key`),
      '-out',
      f(`${name}.pem`),
      '-days',
      '3650',
      '-subj',
      subject,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
  const issue = (name: string, subject: string, ca: string, extFile: string, days: string) => {
    run(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      f(`${name}.key`),
      '-out',
      f(`${name}.csr`),
      '-subj',
      subject,
    );
    run(
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      f(`${ca}.pem`),
      '-CAkey',
      f(`${ca}.key`),
      '-CAcreateserial',
      '-out',
      f(`${name}.pem`),
      '-days',
      days,
      '-extfile',
      f(extFile),
    );
  };
  try {
    ext('ca.ext', [
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid',
    ]);
    ext('leaf.ext', [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature',
      `subjectAltName=DNS:${LEAF_NAME}`,
      `authorityInfoAccess=caIssuers;URI:${ISSUER_URL}`,
    ]);
    root('root', '/C=US/O=Test Trust Services/CN=Test Root CA');
    root('rogue', '/C=US/O=Microsoft Corporation/CN=Rogue Root CA');
    issue('int', '/C=US/O=Microsoft Corporation/CN=Test Issuing CA 01', 'root', 'ca.ext', '1825');
    issue('leaf', `/C=US/O=Microsoft Corporation/CN=${LEAF_NAME}`, 'int', 'leaf.ext', '365');
    issue('rogueleaf', `/C=US/O=Microsoft Corporation/CN=${LEAF_NAME}`, 'rogue', 'leaf.ext', '365');
    issue('other', `/C=US/O=Contoso/CN=${LEAF_NAME}`, 'root', 'leaf.ext', '365');
    run('x509', '-in', f('leaf.pem'), '-outform', 'der', '-out', f('leaf.der'));
    const cert = (name: string) => new X509Certificate(readFileSync(f(name)));
    const key = (name: string) => createPrivateKey(readFileSync(f(`${name}.key`)));
    return {
      madeWith: 'openssl',
      root: cert('root.pem'),
      intermediate: cert('int.pem'),
      leaf: cert('leaf.pem'),
      leafDer: readFileSync(f('leaf.der')),
      leafKey: key('leaf'),
      rogueLeaf: cert('rogueleaf.pem'),
      rogueKey: key('rogueleaf'),
      otherOrgLeaf: cert('other.pem'),
      otherOrgKey: key('other'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function withNode(): TestPki {
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 365 * 86_400_000);
  const ca = (organization: string, commonName: string, issuer?: IssuedCertificate) =>
    issueCertificate({
      subject: { country: 'US', organization, commonName },
      issuer,
      isCa: true,
      notBefore,
      notAfter,
    });
  const leaf = (organization: string, issuer: IssuedCertificate) =>
    issueCertificate({
      subject: { country: 'US', organization, commonName: LEAF_NAME },
      issuer,
      isCa: false,
      dnsNames: [LEAF_NAME],
      issuerUrl: ISSUER_URL,
      notBefore,
      notAfter,
    });
  const root = ca('Test Trust Services', 'Test Root CA');
  const rogue = ca('Microsoft Corporation', 'Rogue Root CA');
  const int = ca('Microsoft Corporation', 'Test Issuing CA 01', root);
  const good = leaf('Microsoft Corporation', int);
  const rogueLeaf = leaf('Microsoft Corporation', rogue);
  const other = leaf('Contoso', root);
  return {
    madeWith: 'node',
    root: root.certificate,
    intermediate: int.certificate,
    leaf: good.certificate,
    leafDer: good.certificate.raw,
    leafKey: good.privateKey,
    rogueLeaf: rogueLeaf.certificate,
    rogueKey: rogueLeaf.privateKey,
    otherOrgLeaf: other.certificate,
    otherOrgKey: other.privateKey,
  };
}

/**
 * A small PKI for signature tests: root → "Microsoft Corporation" issuing CA → leaf, plus a rogue
 * chain and a leaf from another organisation. Made with the openssl CLI when it is installed.
 */
export function makeTestPki(): TestPki {
  return hasOpenssl() && process.env.TEST_PKI !== 'node' ? withOpenssl() : withNode();
}

/** Signs a body the way Partner Center does: RSA-SHA256, PKCS#1 v1.5, base64. */
export function signBody(body: Buffer | string, key: KeyObject): string {
  return sign('sha256', typeof body === 'string' ? Buffer.from(body) : body, key).toString('base64');
}
