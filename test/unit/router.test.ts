import { describe, expect, it } from 'vitest';
import type { FeatureContext } from '../../src/core/context';
import { isAppError } from '../../src/core/errors';
import { Router } from '../../src/core/router';
import { createSigner } from '../../src/core/signing';
import { resolveLanguage, t } from '../../src/cards/i18n';

const ctx = (isPartner: boolean) => ({ caller: { isPartner } }) as unknown as FeatureContext;

describe('Router', () => {
  const router = new Router()
    .command(['status', 'check'], async (_c, args) => ({ text: `status:${args}` }), { audience: 'partner' })
    .command('help', async () => ({ text: 'help' }), { audience: 'anyone' })
    .verb('refreshStatus', async (_c, data) => ({ text: `refresh:${String(data.tenantId)}` }), {
      audience: 'partner',
    })
    .fallback(async (_c, text) => ({ text: `fallback:${text}` }));

  it('routes commands case-insensitively with their arguments, aliases included', async () => {
    expect(await router.handleText(ctx(true), '  STATUS   contoso ltd ')).toEqual({
      text: 'status:contoso ltd',
    });
    expect(await router.handleText(ctx(true), 'check x')).toEqual({ text: 'status:x' });
  });

  it('sends unknown text to the fallback', async () => {
    expect(await router.handleText(ctx(false), 'weather today')).toEqual({ text: 'fallback:weather today' });
  });

  it('refuses partner commands and verbs to other tenants', async () => {
    await expect(router.handleText(ctx(false), 'status x')).rejects.toSatisfy((e) =>
      isAppError(e, 'NOT_PARTNER_USER'),
    );
    await expect(router.handleVerb(ctx(false), 'refreshStatus', {})).rejects.toSatisfy((e) =>
      isAppError(e, 'NOT_PARTNER_USER'),
    );
    expect(await router.handleText(ctx(false), 'help')).toEqual({ text: 'help' });
  });

  it('answers an unknown verb with UNKNOWN_VERB and treats non-object data as empty', async () => {
    await expect(router.handleVerb(ctx(true), 'nope', {})).rejects.toSatisfy((e) =>
      isAppError(e, 'UNKNOWN_VERB'),
    );
    expect(await router.handleVerb(ctx(true), 'refreshStatus', 'string data')).toEqual({
      text: 'refresh:undefined',
    });
  });

  it('refuses to register the same command twice', () => {
    expect(() =>
      new Router()
        .command('a', async () => ({ text: '' }), { audience: 'anyone' })
        .command('A', async () => ({ text: '' }), { audience: 'anyone' }),
    ).toThrow('registered twice');
  });
});

describe('createSigner', () => {
  const signer = createSigner('k'.repeat(32));

  it('verifies its own signatures and rejects changed parts or signatures', () => {
    const sig = signer.sign(['agreement-document', 'DE', 'de-DE']);
    expect(signer.verify(['agreement-document', 'DE', 'de-DE'], sig)).toBe(true);
    expect(signer.verify(['agreement-document', 'FR', 'de-DE'], sig)).toBe(false);
    expect(signer.verify(['agreement-document', 'DE', 'de-DE'], `${sig.slice(0, -1)}A`)).toBe(
      sig.endsWith('A'),
    );
    expect(signer.verify(['agreement-document', 'DE', 'de-DE'], '')).toBe(false);
    expect(createSigner('z'.repeat(32)).verify(['agreement-document', 'DE', 'de-DE'], sig)).toBe(false);
  });

  it('keeps part boundaries apart', () => {
    expect(signer.verify(['a', 'b'], signer.sign(['a,b']))).toBe(false);
  });
});

describe('string tables', () => {
  it('falls back from region to language to English', () => {
    expect(resolveLanguage('en-GB')).toBe('en');
    expect(resolveLanguage('xx-YY')).toBe('en');
    expect(resolveLanguage(undefined)).toBe('en');
  });

  it('fills placeholders and fails loudly on a missing key', () => {
    expect(t({ a: 'Hi {name}, {name}!' }, 'a', { name: 'Ann' })).toBe('Hi Ann, Ann!');
    // A key missing from en.json fails the type-check first; a table built at runtime still throws.
    // @ts-expect-error 'missing' is no key of this table
    expect(() => t({}, 'missing')).toThrow('missing string');
  });
});
