import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { assetsDir } from './assets';
import { expandPlurals } from './plural';

/**
 * Every string key, read from `cards/locales/en.json` at type-check time: a key missing there fails
 * `tsc` (and so `npm test`), not a card at runtime. The other languages are kept complete by
 * test/cards/locales.test.ts.
 */
export type LocaleKey = keyof typeof import('../../cards/locales/en.json');

/** One language's strings (English where it lacks one), as `stringsFor` returns them. */
export type Strings = Readonly<Record<LocaleKey, string>>;

const DEFAULT_LANGUAGE = 'en';
let tables: Map<string, Strings> | undefined;
/** Which language a table returned by `stringsFor` speaks, so `t` picks that language's plural rules. */
const languages = new WeakMap<object, string>();

function load(): Map<string, Strings> {
  if (tables) return tables;
  const dir = path.join(assetsDir(), 'locales');
  tables = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const lang = file.slice(0, -'.json'.length);
    tables.set(lang.toLowerCase(), JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Strings);
  }
  return tables;
}

/** Languages with a string table, e.g. ['de', 'en', 'pt-br']. */
export function availableLanguages(): string[] {
  return [...load().keys()].sort();
}

/**
 * Picks the string table for a locale: exact ("pt-BR"), then language ("de-AT" → "de"), then English.
 *
 * @example
 * resolveLanguage('de-AT') // 'de' when cards/locales/de.json exists, else 'en'
 */
export function resolveLanguage(locale: string | undefined): string {
  const all = load();
  const wanted = (locale ?? '').toLowerCase();
  if (all.has(wanted)) return wanted;
  const base = wanted.split('-')[0] ?? '';
  if (all.has(base)) return base;
  return DEFAULT_LANGUAGE;
}

/** Each language's table merged over English once (a card render asks for one every time). */
const merged = new Map<string, Strings>();

export function stringsFor(locale: string | undefined): Strings {
  const language = resolveLanguage(locale);
  let table = merged.get(language);
  if (table) return table;
  const all = load();
  const english = all.get(DEFAULT_LANGUAGE) ?? ({} as Strings);
  const chosen = all.get(language) ?? english;
  // Missing keys fall back to English; a test keeps the tables complete.
  table = chosen === english ? english : { ...english, ...chosen };
  languages.set(table, chosen === english ? DEFAULT_LANGUAGE : language);
  merged.set(language, table);
  return table;
}

/**
 * A table's key for a name that comes from data (an audit action, a job type, an error code), or
 * undefined when the table has none and the caller falls back. Tables list their keys in full, so a
 * search finds every use of a string.
 *
 * @example
 * const key = keyIn(JOB_LABELS, job.type); // 'failed.type.purchase.open' or undefined
 */
export function keyIn(
  table: Readonly<Partial<Record<string, LocaleKey>>>,
  name: string | undefined,
): LocaleKey | undefined {
  return name !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
}

/**
 * Looks up a string, expands ICU plurals (`{days, plural, one {# day} other {# days}}`, see
 * `plural.ts`) with the table's language rules and fills `{name}` placeholders. Values must
 * already be escaped if they come from outside. Pass counts as numbers where you can.
 *
 * @example
 * t(strings, 'status.acceptedOn', { date: '3 May 2025' })
 * t(strings, 'gdap.fact.durationValue', { days: 1 }) // '1 day'
 */
export function t<K extends string = LocaleKey>(
  strings: Readonly<Record<K, string>>,
  key: NoInfer<K>,
  params: Record<string, string | number> = {},
): string {
  const raw = strings[key] as string | undefined;
  if (raw === undefined) throw new Error(`missing string "${key}"`);
  const template = expandPlurals(raw, languages.get(strings) ?? DEFAULT_LANGUAGE, params);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
