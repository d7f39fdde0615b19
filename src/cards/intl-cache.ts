/**
 * Intl formatters are costly to build (each looks its locale data up in ICU) and immutable once
 * built, so each one is built once per locale and reused. Locales come from activities (any
 * well-formed tag), so each cache holds at most MAX_LOCALES and starts over when full.
 */
const MAX_LOCALES = 64;

/**
 * Wraps a formatter factory so that each locale's formatter is built once.
 *
 * @example
 * const percent = perLocale((l) => new Intl.NumberFormat(l, { style: 'percent' }));
 * percent('de-DE').format(0.5) // '50 %', the same object on every call
 */
export function perLocale<T>(build: (locale: string) => T): (locale: string) => T {
  const built = new Map<string, T>();
  return (locale) => {
    let value = built.get(locale);
    if (value === undefined) {
      if (built.size >= MAX_LOCALES) built.clear();
      value = build(locale);
      built.set(locale, value);
    }
    return value;
  };
}

/**
 * A canonical locale for Intl: the tag itself when well-formed, else 'en'.
 *
 * @example
 * safeLocale('de-at') // 'de-AT'
 * safeLocale('not a locale') // 'en'
 */
export function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
