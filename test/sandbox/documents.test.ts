import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_MCA_TEMPLATE_ID, startSandbox, type Sandbox } from '../../src/sandbox';
import { get, manualClock } from './helpers';

const doc = (query: string, template = SANDBOX_MCA_TEMPLATE_ID) =>
  `/v1/agreementtemplates/${template}/document${query}`;

describe('GET /v1/agreementtemplates/{templateId}/document', () => {
  const clock = manualClock();
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ clock });
  });
  afterAll(() => sandbox.close());

  it('returns display and download links on the sandbox for a supported country and language', async () => {
    const res = await get(sandbox, doc('?language=de-DE&country=DE'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ language: 'de-DE', country: 'DE' });
    expect(res.body.displayUri).toMatch(
      new RegExp(`^${sandbox.url}/sandbox/agreement-documents/[0-9a-f]+\\?mode=display$`),
    );
    expect(res.body.downloadUri).toMatch(/\?mode=download$/);
  });

  it.each([
    ['?language=de-DE&country=AT', 'AT', 'de-DE'],
    ['?language=fr-FR&country=CH', 'CH', 'fr-FR'],
    ['?language=ja-JP&country=JP', 'JP', 'ja-JP'],
    ['?language=pt-BR&country=BR', 'BR', 'pt-BR'],
    ['?language=fr-FR&country=DE', 'DE', 'en-US'],
    ['?language=de-DE&country=GB', 'GB', 'en-US'],
    ['?country=FR', 'FR', 'en-US'],
    ['?language=de-DE', 'US', 'en-US'],
  ])('resolves %s to %s / %s, falling back to the documented defaults', async (query, country, language) => {
    const res = await get(sandbox, doc(query));
    expect(res.body).toMatchObject({ country, language });
  });

  it('treats the country code and the template id as case-sensitive', async () => {
    const lower = await get(sandbox, doc('?language=de-DE&country=de'));
    expect(lower.status).toBe(400);
    expect(lower.body.description).toContain('upper-case');
    const template = await get(sandbox, doc('?country=DE', SANDBOX_MCA_TEMPLATE_ID.toUpperCase()));
    expect(template.status).toBe(404);
  });

  it('serves a labelled sandbox page and a sandbox attachment', async () => {
    const { displayUri, downloadUri } = (await get(sandbox, doc('?language=fr-FR&country=FR'))).body;
    const page = await fetch(displayUri as string);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Microsoft Customer Agreement — FR, fr-FR (sandbox copy)');
    const file = await fetch(downloadUri as string);
    expect(file.headers.get('content-disposition')).toBe(
      'attachment; filename="MicrosoftCustomerAgreement_FR_fr-FR_SANDBOX.txt"',
    );
    expect(await file.text()).toContain('not the agreement');
  });

  it('expires links after five minutes with a 410 page', async () => {
    const { displayUri, downloadUri } = (await get(sandbox, doc('?language=it-IT&country=IT'))).body;
    clock.advance(4 * 60_000 + 59_000);
    expect((await fetch(displayUri as string)).status).toBe(200);
    clock.advance(1_000);
    const expired = await fetch(displayUri as string);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link expired');
    expect((await fetch(downloadUri as string)).status).toBe(410);
    const fresh = (await get(sandbox, doc('?language=it-IT&country=IT'))).body;
    expect(fresh.displayUri).not.toBe(displayUri);
    expect((await fetch(fresh.displayUri as string)).status).toBe(200);
  });

  it('answers 404 for a document link it never issued', async () => {
    expect((await fetch(`${sandbox.url}/sandbox/agreement-documents/abcdef?mode=display`)).status).toBe(404);
  });
});
