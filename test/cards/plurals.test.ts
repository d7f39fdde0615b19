import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringsFor, t, type LocaleKey } from '../../src/cards/i18n';
import { expandPlurals } from '../../src/cards/plural';
import { renderGdapCard } from '../../src/features/relationships/gdap-card';
import type { TrackedGdap } from '../../src/features/relationships/gdap-store';
import { cardText } from '../support/card-text';

const dir = path.join(__dirname, '../../cards/locales');
const LANGUAGES = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length));
const load = (lang: string) =>
  JSON.parse(readFileSync(path.join(dir, `${lang}.json`), 'utf8')) as Record<string, string>;
const english = load('en');
const COUNTS = [0, 1, 2, 5];
const pluralVars = (text: string) => [
  ...new Set([...text.matchAll(/\{(\w+),\s*plural,/g)].map((m) => m[1]!)),
];
const pluralKeys = Object.keys(english).filter((k) => pluralVars(english[k]!).length > 0);
/** Parameters that are counts of something; a string showing one next to a noun needs plural rules. */
const COUNT_PARAMS = ['days', 'minutes', 'count', 'total', 'listed', 'attempts', 'checked'];
/** Strings that show a count without a noun that agrees with it ("Need action: 3", "Page 2 of 5"). */
const NO_NOUN = new Set([
  'portfolio.needAction',
  'portfolio.incomplete',
  'requests.title',
  'failed.title',
  'digest.on.message',
]);

describe('plural rules in the string tables', () => {
  it('picks the branch with each language’s rules, exact values first, and formats the count', () => {
    const days = '{n, plural, =0 {none} one {# day} other {# days}}';
    expect(expandPlurals(days, 'en', { n: 0 })).toBe('none');
    expect(expandPlurals(days, 'en', { n: 1 })).toBe('1 day');
    expect(expandPlurals(days, 'en', { n: 1200 })).toBe('1,200 days');
    expect(expandPlurals(days, 'de', { n: 1200 })).toBe('1.200 days');
    // A count already formatted by the caller is shown as given and still selects the branch.
    expect(expandPlurals(days, 'en', { n: '20+' })).toBe('20+ days');
    const fr = '{n, plural, one {# jour} other {# jours}}';
    expect(['fr', 'pt-BR'].map((l) => expandPlurals(fr, l, { n: 0 }))).toEqual(['0 jour', '0 jour']);
    expect(expandPlurals(fr, 'ja', { n: 1 })).toBe('1 jours');
    expect(expandPlurals('{n, plural, one {a {x}} other {b}} and {x}', 'en', { n: 1 })).toBe('a {x} and {x}');
    expect(() => expandPlurals('{n, plural, one {# day}}', 'en', { n: 1 })).toThrow(/malformed plural/);
    expect(() => expandPlurals('{n, plural, one {# day} other {# days}', 'en', { n: 1 })).toThrow();
  });

  it('uses plural syntax for every English string that shows a count next to a noun', () => {
    const bare = Object.keys(english).filter(
      // `checked` is the "3" of "3 of 5 customers": the noun agrees with the total.
      (k) => !NO_NOUN.has(k) && COUNT_PARAMS.some((p) => p !== 'checked' && english[k]!.includes(`{${p}}`)),
    );
    expect(bare).toEqual([]);
    expect(pluralKeys).toEqual(
      expect.arrayContaining(['gdap.fact.durationValue', 'relationship.gdap.expiring', 'failed.summary']),
    );
  });

  it.each(LANGUAGES)('%s: every counted string has a branch for each category of 0, 1, 2 and 5', (lang) => {
    const table = load(lang);
    const rules = new Intl.PluralRules(lang);
    const needed = new Set(COUNTS.map((n) => rules.select(n)));
    const problems: string[] = [];
    for (const key of pluralKeys) {
      const text = table[key]!;
      // Japanese has one form for every count: a plain placeholder is right there.
      if (needed.size === 1 && pluralVars(text).length === 0) continue;
      if (pluralVars(text).length === 0) problems.push(`${key}: no plural`);
      for (const name of pluralVars(text)) {
        for (const category of needed) {
          const hasBranch = new RegExp(`\\{${name},\\s*plural,[^]*\\b${category}\\s*\\{`).test(text);
          if (!hasBranch) problems.push(`${key}: ${name} has no "${category}" branch`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(LANGUAGES)('%s: renders every counted string for 0, 1, 2 and 5 with nothing left over', (lang) => {
    const s = stringsFor(lang);
    for (const key of pluralKeys) {
      for (const n of COUNTS) {
        const params = Object.fromEntries(
          [...english[key]!.matchAll(/\{(\w+)/g)].map((m) => [m[1]!, COUNT_PARAMS.includes(m[1]!) ? n : 'X']),
        );
        const text = t(s, key as LocaleKey, params);
        expect(text, `${lang} ${key} ${n}`).not.toMatch(/plural,|#|\{\w+\}/);
        // "every minute", "once": the singular may say the number in words.
        if (n !== 1) expect(text, `${lang} ${key} ${n}`).toContain(String(n));
      }
    }
  });

  it('says the GDAP duration with the right form in all 8 languages', () => {
    const expected: Record<string, string[]> = {
      en: ['0 days', '1 day', '2 days', '5 days'],
      de: ['0 Tage', '1 Tag', '2 Tage', '5 Tage'],
      fr: ['0 jour', '1 jour', '2 jours', '5 jours'],
      es: ['0 días', '1 día', '2 días', '5 días'],
      it: ['0 giorni', '1 giorno', '2 giorni', '5 giorni'],
      nl: ['0 dagen', '1 dag', '2 dagen', '5 dagen'],
      ja: ['0 日', '1 日', '2 日', '5 日'],
      'pt-BR': ['0 dia', '1 dia', '2 dias', '5 dias'],
    };
    expect(Object.keys(expected).sort()).toEqual([...LANGUAGES].sort());
    for (const [lang, forms] of Object.entries(expected)) {
      const s = stringsFor(lang);
      expect(COUNTS.map((days) => t(s, 'gdap.fact.durationValue', { days }))).toEqual(forms);
    }
    const s = stringsFor('de');
    expect(COUNTS.map((days) => t(s, 'relationship.gdap.expiring', { roles: 'R', date: 'D', days }))).toEqual(
      [
        '⚠️ R – endet am D, in 0 Tagen',
        '⚠️ R – endet am D, in 1 Tag',
        '⚠️ R – endet am D, in 2 Tagen',
        '⚠️ R – endet am D, in 5 Tagen',
      ],
    );
  });

  it('shows "1 day", not "1 days", on the GDAP card', () => {
    const tracked: TrackedGdap = {
      relationshipId: 'a1b2c3d4-0000-4000-8000-000000000001-11112222-3333-4444-5555-666677778888',
      customerTenantId: '0b7e2f7c-9a51-4d55-8f0e-3c7e1f2d9a44',
      companyName: 'Contoso',
      displayName: 'MCA-Contoso-helpdesk',
      roleIds: [],
      durationDays: 1,
      autoExtend: false,
      status: 'approvalPending',
      approvalLink:
        'https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/x',
      requestedBy: 'x',
      requestedAt: '2026-11-01T00:00:00Z',
      checkedAt: '2026-11-01T00:00:00Z',
    };
    const now = new Date('2026-11-01T00:00:00Z');
    const en = cardText(renderGdapCard(tracked, { locale: 'en-US', partnerName: 'Fabrikam', now }));
    expect(en).toContain('1 day');
    expect(en).not.toContain('1 days');
    const es = cardText(
      renderGdapCard({ ...tracked, durationDays: 5 }, { locale: 'es-ES', partnerName: 'F', now }),
    );
    expect(es).toContain('5 días');
  });
});
