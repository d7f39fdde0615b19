import { beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock';
import { createWebhookVerifier, type SignedRequest } from '../../src/webhooks/signature';
import { createTrustPolicy, microsoftRoots } from '../../src/webhooks/trust';
import { ISSUER_URL, makeTestPki, signBody, type TestPki } from '../support/test-pki';

const CERT_URL =
  'https://3psostorageacct.blob.core.windows.net/cert/pcnotifications-dispatch.microsoft.com.cer';
const BODY =
  '{"EventName":"reseller-relationship-accepted-by-customer","ResourceUri":"https://api.partnercenter.microsoft.com/v1/customers/4b2a6e33-8791-4386-bd2b-0d55baf25039","ResourceName":"Customer","ResourceChangeUtcDate":"2026-10-18T00:26:24.0159088+00:00"}';

describe('Partner Center webhook signature verification', () => {
  let pki: TestPki;
  let served: Map<string, Buffer>;
  let fetched: string[];
  const fakeFetch = (async (input: string | URL | Request) => {
    const url = String(input);
    fetched.push(url);
    const body = served.get(url);
    return body ? new Response(body) : new Response('not found', { status: 404 });
  }) as typeof fetch;

  function verifier(now: Date = new Date()) {
    const clock: Clock = { now: () => now };
    const policy = createTrustPolicy({
      certificateHosts: ['3psostorageacct.blob.core.windows.net'],
      roots: [pki.root],
      fetch: fakeFetch,
      clock,
    });
    return createWebhookVerifier(policy, clock);
  }

  function signed(body = BODY, overrides: Record<string, string | undefined> = {}): SignedRequest {
    const headers: Record<string, string | undefined> = {
      authorization: `Signature ${signBody(body, pki.leafKey)}`,
      'x-ms-certificate-url': CERT_URL,
      'x-ms-signature-algorithm': 'rsa-sha256',
      ...overrides,
    };
    return { headers, rawBody: Buffer.from(body) };
  }

  beforeAll(() => {
    pki = makeTestPki();
    served = new Map([
      [CERT_URL, pki.leafDer],
      [ISSUER_URL, pki.intermediate.raw],
    ]);
    fetched = [];
  });

  it('accepts an event signed by a certificate that chains to the trusted root', async () => {
    expect(await verifier().verify(signed())).toEqual({ ok: true });
  });

  it('accepts the signature in x-ms-signature when Partner Center sends it there', async () => {
    const request = signed(BODY, {
      authorization: undefined,
      'x-ms-signature': signBody(BODY, pki.leafKey),
    });
    expect(await verifier().verify(request)).toEqual({ ok: true });
  });

  it('accepts x-ms-signature written as "Signature <base64>", as Microsoft\'s sample parses it', async () => {
    const request = signed(BODY, {
      authorization: undefined,
      'x-ms-signature': `Signature ${signBody(BODY, pki.leafKey)}`,
    });
    expect(await verifier().verify(request)).toEqual({ ok: true });
  });

  it('refuses an x-ms-signature with another scheme or a signature by another key', async () => {
    const other = signed(BODY, {
      authorization: undefined,
      'x-ms-signature': `Bearer ${signBody(BODY, pki.leafKey)}`,
    });
    expect(await verifier().verify(other)).toEqual({ ok: false, reason: 'unsigned' });
    const rogue = signed(BODY, {
      authorization: undefined,
      'x-ms-signature': `Signature ${signBody(BODY, pki.rogueKey)}`,
    });
    expect(await verifier().verify(rogue)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a body changed after signing', async () => {
    const request = signed();
    const tampered = { ...request, rawBody: Buffer.from(BODY.replace('4b2a6e33', '5b2a6e33')) };
    expect(await verifier().verify(tampered)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a signature over the same JSON serialised differently (the raw bytes count)', async () => {
    const reformatted = JSON.stringify(JSON.parse(BODY), null, 2);
    const request = { ...signed(), rawBody: Buffer.from(reformatted) };
    expect(await verifier().verify(request)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a certificate URL on a host that is not on the allow-list, without downloading it', async () => {
    fetched = [];
    const evil = 'https://evil.example.com/cert/pcnotifications-dispatch.microsoft.com.cer';
    served.set(evil, pki.leafDer);
    const result = await verifier().verify(signed(BODY, { 'x-ms-certificate-url': evil }));
    expect(result).toEqual({ ok: false, reason: 'certificate-url-not-allowed' });
    expect(fetched).not.toContain(evil);
  });

  it('refuses plain http and look-alike hosts for the certificate', async () => {
    for (const url of [
      CERT_URL.replace('https:', 'http:'),
      'https://3psostorageacct.blob.core.windows.net.evil.example/cert.cer',
      'https://user@3psostorageacct.blob.core.windows.net/cert.cer',
    ]) {
      const result = await verifier().verify(signed(BODY, { 'x-ms-certificate-url': url }));
      expect(result).toEqual({ ok: false, reason: 'certificate-url-not-allowed' });
    }
  });

  it('refuses an expired certificate', async () => {
    const afterExpiry = new Date(Date.parse(pki.leaf.validTo) + 86_400_000);
    expect(await verifier(afterExpiry).verify(signed())).toEqual({
      ok: false,
      reason: 'certificate-expired',
    });
  });

  it('refuses a certificate that is not valid yet', async () => {
    const before = new Date(Date.parse(pki.leaf.validFrom) - 86_400_000);
    expect(await verifier(before).verify(signed())).toEqual({ ok: false, reason: 'certificate-expired' });
  });

  it('refuses a request without the signature header or without the certificate URL', async () => {
    expect(await verifier().verify(signed(BODY, { authorization: undefined }))).toEqual({
      ok: false,
      reason: 'unsigned',
    });
    expect(await verifier().verify(signed(BODY, { 'x-ms-certificate-url': undefined }))).toEqual({
      ok: false,
      reason: 'unsigned',
    });
    expect(await verifier().verify(signed(BODY, { authorization: 'Bearer abc' }))).toEqual({
      ok: false,
      reason: 'unsigned',
    });
  });

  it('refuses an algorithm other than rsa-sha256', async () => {
    const result = await verifier().verify(signed(BODY, { 'x-ms-signature-algorithm': 'rsa-sha1' }));
    expect(result).toEqual({ ok: false, reason: 'unsupported-algorithm' });
  });

  it('refuses a certificate whose chain ends at a root nobody configured', async () => {
    const rogueUrl = 'https://3psostorageacct.blob.core.windows.net/cert/rogue.cer';
    served.set(rogueUrl, pki.rogueLeaf.raw);
    const request = signed(BODY, {
      authorization: `Signature ${signBody(BODY, pki.rogueKey)}`,
      'x-ms-certificate-url': rogueUrl,
    });
    expect(await verifier().verify(request)).toEqual({ ok: false, reason: 'untrusted-certificate' });
  });

  it('refuses a trusted chain whose issuer is not Microsoft Corporation', async () => {
    const otherUrl = 'https://3psostorageacct.blob.core.windows.net/cert/other.cer';
    served.set(otherUrl, pki.otherOrgLeaf.raw);
    const request = signed(BODY, {
      authorization: `Signature ${signBody(BODY, pki.otherOrgKey)}`,
      'x-ms-certificate-url': otherUrl,
    });
    expect(await verifier().verify(request)).toEqual({ ok: false, reason: 'wrong-issuer' });
  });

  it('refuses a certificate for a subject outside the expected domains', async () => {
    const clock: Clock = { now: () => new Date() };
    const policy = createTrustPolicy({
      certificateHosts: ['3psostorageacct.blob.core.windows.net'],
      roots: [pki.root],
      subjectDomains: ['partnercenter.example'],
      fetch: fakeFetch,
      clock,
    });
    const result = await createWebhookVerifier(policy, clock).verify(signed());
    expect(result).toEqual({ ok: false, reason: 'wrong-subject' });
  });

  it('downloads the certificate and its issuer once and reuses them', async () => {
    const v = verifier();
    fetched = [];
    await v.verify(signed());
    await v.verify(signed());
    await v.verify(signed());
    expect(fetched.filter((u) => u === CERT_URL)).toHaveLength(1);
    expect(fetched.filter((u) => u === ISSUER_URL)).toHaveLength(1);
  });

  it('tells a missing certificate apart from a bad one', async () => {
    const missing = 'https://3psostorageacct.blob.core.windows.net/cert/missing.cer';
    const result = await verifier().verify(signed(BODY, { 'x-ms-certificate-url': missing }));
    expect(result).toEqual({ ok: false, reason: 'certificate-unavailable' });
  });

  it('trusts Microsoft’s roots from Node’s certificate store by default', () => {
    const subjects = microsoftRoots().map((c) => c.subject);
    expect(subjects.some((s) => s.includes('CN=Microsoft RSA Root Certificate Authority 2017'))).toBe(true);
    expect(subjects.some((s) => s.includes('CN=DigiCert Global Root G2'))).toBe(true);
  });
});
