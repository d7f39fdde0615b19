import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, startSandbox, type Sandbox } from '../../src/sandbox';
import { manualClock } from './helpers';

const customer = DEMO_CUSTOMERS.find((c) => c.scenario === 'not-accepted')!;

function create(sandbox: Sandbox, language = 'en-US', country = 'GB') {
  return sandbox.world.enhancedAttestations.create(
    {
      country,
      language,
      companyName: 'Contoso <Pharma> & Co',
      signatory: { firstName: 'Lena', lastName: 'Vogel', email: 'lena.vogel@example.com' },
      customerTenantId: customer.id,
    },
    `${sandbox.url}/mca/`,
  );
}

async function open(url: string) {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), html: await res.text() };
}

async function accept(sandbox: Sandbox, id: string) {
  const res = await fetch(`${sandbox.url}/mca/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ attestationid: id }).toString(),
  });
  return { status: res.status, html: await res.text() };
}

describe('sandbox acceptance page', () => {
  const clock = manualClock('2026-03-02T10:00:00Z');
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ clock });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.world.reset());

  it('shows the agreement, the company and the signatory, escaped, with an Accept button and no sign-in', async () => {
    const a = create(sandbox);
    const page = await open(a.acceptanceUrl);
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.html).toContain('Microsoft Customer Agreement (sandbox copy)');
    expect(page.html).toContain('Contoso &#60;Pharma&#62; &#38; Co');
    expect(page.html).toContain('Lena Vogel');
    expect(page.html).toContain('<form method="post" action="/mca/accept">');
    expect(page.html).toContain(`value="${a.attestationId}"`);
    expect(page.html).toContain('>Accept</button>');
  });

  it('links to a working agreement document for the country and language', async () => {
    const a = create(sandbox, 'de', 'DE');
    const page = await open(a.acceptanceUrl);
    const link = /href="([^"]+agreement-documents[^"]+)"/.exec(page.html)?.[1];
    expect(link).toBeDefined();
    const doc = await open(link!.replace(/&#38;/g, '&'));
    expect(doc.status).toBe(200);
    expect(doc.html).toContain('DE, de-DE');
  });

  it('speaks the customer’s language when it has a translation', async () => {
    const page = await open(create(sandbox, 'de-DE', 'DE').acceptanceUrl);
    expect(page.html).toContain('<html lang="de">');
    expect(page.html).toContain('Microsoft-Kundenvertrag (Sandbox-Kopie)');
    expect(page.html).toContain('>Akzeptieren</button>');
    expect((await open(create(sandbox, 'ja-JP', 'JP').acceptanceUrl)).html).toContain('<html lang="en">');
  });

  it('marks the attestation accepted when the customer selects Accept, and says thank you', async () => {
    const a = create(sandbox);
    clock.advance(5 * 60_000);
    const res = await accept(sandbox, a.attestationId);
    expect(res.status).toBe(200);
    expect(res.html).toContain('Thank you — you accepted the Microsoft Customer Agreement');
    const stored = sandbox.world.attestations()[0];
    expect(stored).toMatchObject({ status: 'accepted', acceptedAt: '2026-03-02T10:05:00.000Z' });
    const again = await open(a.acceptanceUrl);
    expect(again.html).toContain('was accepted on');
    expect(again.html).not.toContain('<form');
  });

  it('says the link expired after 7 days, and refuses to accept it', async () => {
    const a = create(sandbox);
    clock.advance(7 * 24 * 60 * 60_000);
    const page = await open(a.acceptanceUrl);
    expect(page.status).toBe(410);
    expect(page.html).toContain('This link has expired');
    expect((await accept(sandbox, a.attestationId)).status).toBe(410);
    expect(sandbox.world.attestations()[0]?.status).toBe('expired');
  });

  it('answers 404 for an unknown or missing attestation id', async () => {
    expect((await open(`${sandbox.url}/mca/?attestationid=nope`)).status).toBe(404);
    expect((await open(`${sandbox.url}/mca/`)).status).toBe(404);
    expect((await accept(sandbox, 'nope')).status).toBe(404);
  });
});
