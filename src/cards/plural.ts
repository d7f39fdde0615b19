/**
 * ICU-style plurals in string tables: `{days, plural, one {# day} other {# days}}`. Branches are
 * chosen with `Intl.PluralRules` for the table's language (`=0`, `=1`, … match exact values first),
 * `#` is the count, and a branch may hold other `{placeholders}`. Only what the tables use is
 * supported: no `select`, no `offset`, no nesting of plurals.
 */
import { perLocale } from './intl-cache';

const OPENING = /\{(\w+),\s*plural,/g;

/** The number a count parameter stands for: `5`, `"1,200"` (already formatted) or `"20+"`. */
function countOf(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const digits = value.replace(/\D/g, '');
  return digits === '' ? undefined : Number(digits);
}

/** Splits `one {…} other {…}` into selector → text, honouring nested braces. */
function parseBranches(body: string): Map<string, string> | undefined {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    const head = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(body.slice(i));
    if (!head) return /^\s*$/.test(body.slice(i)) ? branches : undefined;
    let depth = 1;
    let j = i + head[0].length;
    const start = j;
    for (; j < body.length && depth > 0; j++) {
      if (body[j] === '{') depth++;
      else if (body[j] === '}') depth--;
    }
    if (depth !== 0) return undefined;
    branches.set(head[1] ?? '', body.slice(start, j - 1));
    i = j;
  }
  return branches;
}

/** Finds the end of a plural expression that opens at `start` (index of its `{`). */
function closingBrace(template: string, start: number): number {
  let depth = 0;
  for (let j = start; j < template.length; j++) {
    if (template[j] === '{') depth++;
    else if (template[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

/**
 * Expands every plural expression in `template` for `language`; other placeholders are left for
 * the caller to fill. A malformed expression throws: a test renders every table.
 *
 * @example
 * expandPlurals('{days, plural, one {# day} other {# days}}', 'en', { days: 1 }) // '1 day'
 */
const pluralRules = perLocale((language) => new Intl.PluralRules(language));
const numberFormat = perLocale((language) => new Intl.NumberFormat(language));

export function expandPlurals(
  template: string,
  language: string,
  params: Readonly<Record<string, string | number>>,
): string {
  if (!template.includes('plural,')) return template;
  let out = '';
  let last = 0;
  OPENING.lastIndex = 0;
  for (let m = OPENING.exec(template); m; m = OPENING.exec(template)) {
    const end = closingBrace(template, m.index);
    const branches = end < 0 ? undefined : parseBranches(template.slice(m.index + m[0].length, end));
    if (!branches?.has('other')) throw new Error(`malformed plural in "${template}"`);
    const name = m[1] ?? '';
    const raw = params[name];
    const n = raw === undefined ? undefined : countOf(raw);
    const category = n === undefined ? 'other' : pluralRules(language).select(n);
    const exact = n === undefined ? undefined : branches.get(`=${n}`);
    const chosen = exact ?? branches.get(category) ?? branches.get('other') ?? '';
    const shown =
      raw === undefined ? `{${name}}` : typeof raw === 'number' ? numberFormat(language).format(raw) : raw;
    out += template.slice(last, m.index) + chosen.replace(/#/g, shown);
    last = end + 1;
    OPENING.lastIndex = last;
  }
  return out + template.slice(last);
}
