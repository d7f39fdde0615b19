import { perLocale, safeLocale } from './intl-cache';

/** Dates and country names formatted server-side with Intl (cards have no locale-aware formatting). */

const dateFormat = perLocale(
  (locale) => new Intl.DateTimeFormat(safeLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' }),
);
const dateTimeFormat = perLocale(
  (locale) =>
    new Intl.DateTimeFormat(safeLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
);
const regionNames = perLocale((locale) => new Intl.DisplayNames([safeLocale(locale)], { type: 'region' }));
const languageNames = perLocale(
  (locale) => new Intl.DisplayNames([safeLocale(locale)], { type: 'language' }),
);

export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso.endsWith('Z') || /[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(locale).format(date);
}

export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(locale).format(date);
}

/** Names already looked up (`DisplayNames.of` is an ICU lookup a card made three times): locale, kind, code. */
const names = new Map<string, string>();
const MAX_NAMES = 4096;

function named(kind: 'region' | 'language', locale: string, code: string, look: () => string): string {
  const key = `${locale}\u0000${kind}\u0000${code}`;
  let name = names.get(key);
  if (name === undefined) {
    name = look();
    if (names.size >= MAX_NAMES) names.clear();
    names.set(key, name);
  }
  return name;
}

export function countryName(code: string | undefined, locale: string): string | undefined {
  if (!code) return undefined;
  return named('region', locale, code, () => {
    try {
      return regionNames(locale).of(code.toUpperCase()) ?? code;
    } catch {
      return code;
    }
  });
}

export function languageName(tag: string, locale: string): string {
  return named('language', locale, tag, () => {
    try {
      return languageNames(locale).of(tag) ?? tag;
    } catch {
      return tag;
    }
  });
}
