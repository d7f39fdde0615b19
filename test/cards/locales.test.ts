import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.join(__dirname, '../../cards/locales');
const load = (file: string) =>
  JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, string>;
const english = load('en.json');
const others = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'en.json');
/** `{name}` and the counts of ICU plurals (`{days, plural, …}`); a language may use a count more often. */
const placeholders = (text: string) =>
  [
    ...new Set(
      [...text.matchAll(/(?<!(?:zero|one|two|few|many|other|=\d+)\s*)\{(\w+)(?:\}|,\s*plural,)/g)].map(
        (m) => m[1],
      ),
    ),
  ].sort();

describe('string tables', () => {
  it('ship the languages customers need', () => {
    expect(others.map((f) => f.replace('.json', '').toLowerCase()).sort()).toEqual(
      expect.arrayContaining(['de', 'es', 'fr', 'it', 'ja', 'nl', 'pt-br']),
    );
  });

  it.each(others)('%s has every key English has, with the same placeholders', (file) => {
    const table = load(file);
    const missing = Object.keys(english).filter((k) => table[k] === undefined || table[k] === '');
    expect(missing).toEqual([]);
    const wrong = Object.keys(english).filter(
      (k) => table[k] !== undefined && placeholders(table[k]).join() !== placeholders(english[k]!).join(),
    );
    expect(wrong).toEqual([]);
    expect(Object.keys(table).filter((k) => english[k] === undefined)).toEqual([]);
  });
});
