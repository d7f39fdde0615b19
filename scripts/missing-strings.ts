/**
 * Lists, per language, the keys of cards/locales/en.json that a translation lacks (or has with
 * different {placeholders}). `npx tsx scripts/missing-strings.ts [lang]` — add `--json` to print the
 * English strings to translate as one JSON object.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.join(__dirname, '..', 'cards', 'locales');
const load = (lang: string) =>
  JSON.parse(readFileSync(path.join(dir, `${lang}.json`), 'utf8')) as Record<string, string>;
const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join();

const english = load('en');
const args = process.argv.slice(2);
const asJson = args.includes('--json');
const wanted = args.filter((a) => !a.startsWith('--'));
const languages =
  wanted.length > 0
    ? wanted
    : readdirSync(dir)
        .filter((f) => f.endsWith('.json') && f !== 'en.json')
        .map((f) => f.slice(0, -5));

for (const lang of languages) {
  let table: Record<string, string> = {};
  try {
    table = load(lang);
  } catch {
    // a new language: everything is missing
  }
  const missing = Object.keys(english).filter(
    (k) => !table[k] || placeholders(table[k]) !== placeholders(english[k] ?? ''),
  );
  if (asJson) console.log(JSON.stringify(Object.fromEntries(missing.map((k) => [k, english[k]])), null, 2));
  else
    console.log(
      `${lang}: ${missing.length} missing${missing.length ? `: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}` : ''}`,
    );
}
