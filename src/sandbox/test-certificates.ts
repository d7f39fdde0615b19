import {
  createHash,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';

/**
 * Minimal X.509 v3 certificates for the sandbox's webhook signing (node:crypto verifies X.509 but
 * cannot issue it, and the sandbox must not depend on an openssl binary). DER by hand: just the
 * fields a verifier looks at — names, validity, key, basic constraints, key usage, key ids, SAN.
 */
type Der = Buffer;

function tlv(tag: number, content: Buffer): Der {
  const n = content.length;
  const length =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}
const seq = (...items: Der[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Der[]) => tlv(0x31, Buffer.concat(items));
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const explicit = (n: number, inner: Der) => tlv(0xa0 + n, inner);

function integer(value: Buffer): Der {
  const trimmed = value[0] === 0 && value.length > 1 ? value.subarray(1) : value;
  return tlv(0x02, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function oid(dotted: string): Der {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const parts = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) parts.unshift((v & 0x7f) | 0x80);
    out.push(...parts);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(date: Date): Der {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}

export interface DistinguishedName {
  country?: string;
  organization: string;
  commonName: string;
}

function name(dn: DistinguishedName): Der {
  const rdn = (id: string, tag: number, value: string) => set(seq(oid(id), tlv(tag, Buffer.from(value))));
  return seq(
    ...(dn.country ? [rdn('2.5.4.6', 0x13, dn.country)] : []),
    rdn('2.5.4.10', 0x0c, dn.organization),
    rdn('2.5.4.3', 0x0c, dn.commonName),
  );
}

const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), tlv(0x05, Buffer.alloc(0)));

function keyId(publicKey: KeyObject): Buffer {
  return createHash('sha1')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest();
}

function extension(id: string, critical: boolean, value: Der): Der {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

export interface IssuedCertificate {
  certificate: X509Certificate;
  certificatePem: string;
  privateKey: KeyObject;
  privateKeyPem: string;
  subject: DistinguishedName;
}

export interface IssueOptions {
  subject: DistinguishedName;
  /** Signs the new certificate; omitted = self-signed (a root). */
  issuer?: IssuedCertificate;
  isCa: boolean;
  dnsNames?: string[];
  /** Authority Information Access "CA Issuers" URL, where a verifier can download the issuer. */
  issuerUrl?: string;
  notBefore: Date;
  notAfter: Date;
}

/**
 * @example
 * const ca = issueCertificate({ subject: { organization: 'Test', commonName: 'Test CA' }, isCa: true, notBefore, notAfter });
 * const leaf = issueCertificate({ subject: { … }, issuer: ca, isCa: false, dnsNames: ['example.test'], notBefore, notAfter });
 */
export function issueCertificate(options: IssueOptions): IssuedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signer = options.issuer?.privateKey ?? privateKey;
  const issuerName = options.issuer?.subject ?? options.subject;
  const issuerKeyId = keyId(options.issuer ? options.issuer.certificate.publicKey : publicKey);
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const extensions = [
    extension('2.5.29.19', true, options.isCa ? seq(bool(true)) : seq()),
    // keyUsage: CA → keyCertSign + cRLSign; leaf → digitalSignature.
    extension('2.5.29.15', true, options.isCa ? bits(Buffer.from([0x06]), 1) : bits(Buffer.from([0x80]), 7)),
    extension('2.5.29.14', false, octets(keyId(publicKey))),
    extension('2.5.29.35', false, seq(tlv(0x80, issuerKeyId))),
    ...(options.dnsNames?.length
      ? [extension('2.5.29.17', false, seq(...options.dnsNames.map((d) => tlv(0x82, Buffer.from(d)))))]
      : []),
    ...(options.issuerUrl
      ? [
          extension(
            '1.3.6.1.5.5.7.1.1',
            false,
            seq(seq(oid('1.3.6.1.5.5.7.48.2'), tlv(0x86, Buffer.from(options.issuerUrl)))),
          ),
        ]
      : []),
  ];
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    SHA256_WITH_RSA,
    name(issuerName),
    seq(time(options.notBefore), time(options.notAfter)),
    name(options.subject),
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, seq(...extensions)),
  );
  const der = seq(tbs, SHA256_WITH_RSA, bits(sign('sha256', tbs, signer)));
  const certificatePem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
  return {
    certificate: new X509Certificate(der),
    certificatePem,
    privateKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    subject: options.subject,
  };
}
