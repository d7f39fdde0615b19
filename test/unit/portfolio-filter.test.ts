import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/errors';
import { filterFrom, parseFilter } from '../../src/features/portfolio/filter';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (isAppError(err, 'INPUT_INVALID')) return err.message;
    throw err;
  }
  throw new Error('expected INPUT_INVALID');
}

describe('pending filters', () => {
  it('means everything when nothing is typed', () => {
    expect(parseFilter('')).toEqual({});
    expect(parseFilter('   ')).toEqual({});
  });

  it('reads a country code in any case and a state in any order', () => {
    expect(parseFilter('de')).toEqual({ country: 'DE' });
    expect(parseFilter('not-accepted')).toEqual({ state: 'not-accepted' });
    expect(parseFilter('Re-acceptance FR')).toEqual({ country: 'FR', state: 'reacceptance-required' });
    expect(parseFilter("can't-tell")).toEqual({ state: 'unknown' });
  });

  it('takes UK for the United Kingdom, which Partner Center calls GB', () => {
    expect(parseFilter('uk')).toEqual({ country: 'GB' });
  });

  it('explains an unknown filter and escapes what was typed', () => {
    const message = refusal(() => parseFilter('*bold*'));
    expect(message).toContain("I don't know the filter “\\*bold\\*”");
    expect(message).toContain('not-accepted');
    expect(refusal(() => parseFilter('xx'))).toContain('“xx”');
    expect(refusal(() => parseFilter('accepted'))).toContain('“accepted”');
    expect(refusal(() => parseFilter('de fr'))).toContain('“fr” is a second country');
  });

  it('refuses card data with a filter it does not know', () => {
    expect(filterFrom({ country: 'DE', state: 'unknown' })).toEqual({ country: 'DE', state: 'unknown' });
    expect(filterFrom({ country: '', state: '' })).toEqual({});
    expect(refusal(() => filterFrom({ country: 'de' }))).toContain("filter I don't know");
    expect(refusal(() => filterFrom({ state: 'accepted-attested' }))).toContain("filter I don't know");
  });
});
