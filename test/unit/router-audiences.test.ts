import { describe, expect, it } from 'vitest';
import type { FeatureContext } from '../../src/core/context';
import { Router } from '../../src/core/router';

const ctx = (isPartner: boolean) => ({ caller: { isPartner } }) as unknown as FeatureContext;

describe('Router: customer commands and sentences', () => {
  const router = new Router()
    .command('status', async (_c, args) => ({ text: `partner:${args}` }), { audience: 'partner' })
    .command('status', async (_c, args) => ({ text: `customer:${args}` }), { audience: 'customer' })
    .command('help', async () => ({ text: 'help' }), { audience: 'anyone' })
    .phrase(
      (text) => text.toLowerCase().includes('contact your partner'),
      async (c, text) => ({ text: `${c.caller.isPartner ? 'p' : 'c'}-phrase:${text.length}` }),
    )
    .fallback(async (_c, text) => ({ text: `fallback:${text}` }));

  it('gives the same word to the partner’s handler for partner staff and to the customer’s for anyone else', async () => {
    expect(await router.handleText(ctx(true), 'status contoso')).toEqual({ text: 'partner:contoso' });
    expect(await router.handleText(ctx(false), 'STATUS contoso')).toEqual({ text: 'customer:contoso' });
  });

  it('matches a sentence before the fallback, but never instead of a command word', async () => {
    expect(await router.handleText(ctx(false), 'Please contact your partner')).toEqual({
      text: 'c-phrase:27',
    });
    expect(await router.handleText(ctx(true), 'Please contact your partner')).toEqual({
      text: 'p-phrase:27',
    });
    expect(await router.handleText(ctx(true), 'help contact your partner')).toEqual({ text: 'help' });
    expect(await router.handleText(ctx(false), 'weather')).toEqual({ text: 'fallback:weather' });
  });

  it('refuses a customer command registered twice', () => {
    expect(() => router.command('status', async () => ({ text: '' }), { audience: 'customer' })).toThrow(
      'registered twice',
    );
  });
});
