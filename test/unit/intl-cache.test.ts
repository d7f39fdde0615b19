import { describe, expect, it } from 'vitest';
import { countryName, formatDate, formatDateTime, languageName } from '../../src/cards/format';
import { stringsFor, t } from '../../src/cards/i18n';
import { perLocale, safeLocale } from '../../src/cards/intl-cache';
import { expandPlurals } from '../../src/cards/plural';
import { formatCount } from '../../src/features/portfolio/progress-card';

const LOCALES = ['en-US', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'ja-JP', 'pt-BR'];
const WHEN = '2025-03-04T17:05:00Z';

describe('cached Intl formatters give the strings a fresh formatter gives', () => {
  it.each(LOCALES)('%s: dates, date-times, countries, languages and counts, asked for twice', (locale) => {
    const fresh = {
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(WHEN)),
      dateTime: new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'UTC',
      }).format(new Date(WHEN)),
      country: new Intl.DisplayNames([locale], { type: 'region' }).of('DE'),
      language: new Intl.DisplayNames([locale], { type: 'language' }).of('fr'),
      count: new Intl.NumberFormat(locale).format(1200),
    };
    for (let i = 0; i < 2; i++) {
      expect(formatDate(WHEN, locale)).toBe(fresh.date);
      expect(formatDateTime(WHEN, locale)).toBe(fresh.dateTime);
      expect(countryName('de', locale)).toBe(fresh.country);
      expect(languageName('fr', locale)).toBe(fresh.language);
      expect(formatCount(1200, locale)).toBe(fresh.count);
    }
  });

  it('keeps one locale apart from another when they alternate', () => {
    expect(formatDate(WHEN, 'de-DE')).toBe('04.03.2025');
    expect(formatDate(WHEN, 'en-US')).toBe('Mar 4, 2025');
    expect(formatDate(WHEN, 'de-DE')).toBe('04.03.2025');
    expect(countryName('FR', 'de-DE')).toBe('Frankreich');
    expect(countryName('FR', 'en-US')).toBe('France');
  });

  it('still answers bad input as before: malformed locales fall back to English, bad dates and codes come back as given', () => {
    expect(formatDate(WHEN, 'not a locale')).toBe('Mar 4, 2025');
    expect(formatDate('yesterday', 'de-DE')).toBe('yesterday');
    expect(formatDateTime('never', 'fr-FR')).toBe('never');
    expect(countryName('1234', 'de-DE')).toBe('1234');
    expect(countryName(undefined, 'de-DE')).toBeUndefined();
    expect(safeLocale('de-at')).toBe('de-AT');
  });

  it('plural rules and numbers follow the table language on every call', () => {
    const days = '{days, plural, one {# Tag} other {# Tage}}';
    expect(expandPlurals(days, 'de', { days: 1 })).toBe('1 Tag');
    expect(expandPlurals(days, 'de', { days: 1200 })).toBe('1.200 Tage');
    expect(expandPlurals(days, 'en', { days: 1200 })).toBe('1,200 Tage');
    expect(expandPlurals(days, 'de', { days: 2 })).toBe('2 Tage');
  });
});

describe('perLocale', () => {
  it('builds once per locale and starts over after 64 locales', () => {
    let built = 0;
    const format = perLocale((locale) => ({ locale, n: ++built }));
    const first = format('de-DE');
    expect(format('de-DE')).toBe(first);
    expect(format('fr-FR')).not.toBe(first);
    expect(built).toBe(2);
    for (let i = 0; i < 64; i++) format(`x-${i}`);
    expect(format('de-DE')).not.toBe(first);
    expect(format('de-DE').locale).toBe('de-DE');
  });

  it('does not keep a failed build', () => {
    let calls = 0;
    const format = perLocale((locale) => {
      calls++;
      if (locale === 'bad') throw new RangeError('bad locale');
      return locale;
    });
    expect(() => format('bad')).toThrow(RangeError);
    expect(() => format('bad')).toThrow(RangeError);
    expect(calls).toBe(2);
  });
});

describe('stringsFor', () => {
  it('returns one merged table per language, with English where a language lacks a key', () => {
    const de = stringsFor('de-AT');
    expect(stringsFor('de-DE')).toBe(de);
    expect(stringsFor('en-US')).not.toBe(de);
    expect(Object.keys(de).sort()).toEqual(Object.keys(stringsFor('en')).sort());
    // The table still speaks German plural rules.
    expect(t(de, 'gdap.fact.durationValue', { days: 1 })).toBe(
      t(stringsFor('de'), 'gdap.fact.durationValue', { days: 1 }),
    );
    expect(t(de, 'gdap.fact.durationValue', { days: 1 })).not.toBe(
      t(stringsFor('en'), 'gdap.fact.durationValue', { days: 1 }),
    );
  });
});
