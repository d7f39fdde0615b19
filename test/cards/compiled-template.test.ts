import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { describe, expect, it } from 'vitest';
import { compileTemplate, NeedsTemplating } from '../../src/cards/compiled-template';
import { expandWithTemplating, renderTemplate } from '../../src/cards/render';
import type { AgreementStatus } from '../../src/features/status/agreement-status';
import {
  renderStatusCard,
  statusCardData,
  type StatusCardOptions,
} from '../../src/features/status/status-card';

const LOCALES = ['en-US', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'ja-JP', 'pt-BR'];
const CARDS = path.join(__dirname, '../../cards');

const base: AgreementStatus = {
  state: 'not-accepted',
  customer: {
    tenantId: '8fdcceb0-8c63-411f-a6f0-27304fb58973',
    companyName: 'Contoso *Pharma* GmbH',
    domain: 'contosopharma.onmicrosoft.com',
    country: 'DE',
    culture: 'de-DE',
    relationshipToPartner: 'reseller',
  },
  checkedAt: '2026-11-25T10:00:00.000Z',
};
const attestation = { dateAgreed: '2022-09-19T13:45:00', signer: { firstName: 'Lena', lastName: 'Müller' } };
const STATUSES: AgreementStatus[] = [
  { ...base, state: 'accepted-attested', attestation },
  { ...base, state: 'accepted-directly', attestation },
  { ...base, state: 'reacceptance-required', attestation },
  base,
  {
    ...base,
    state: 'unknown',
    reason: 'no-relationship',
    customer: { ...base.customer, relationshipToPartner: 'none' },
  },
  { ...base, state: 'unknown', reason: 'permission' },
  { ...base, state: 'unknown', reason: 'unavailable', customer: { ...base.customer, country: undefined } },
];
const inDays = (n: number) => new Date(Date.parse(base.checkedAt) + n * 86_400_000).toISOString();
const OPTIONS: Omit<StatusCardOptions, 'locale'>[] = [
  { refreshUserIds: ['29:a', '29:b'] },
  {
    refreshUserIds: [],
    refreshForEveryone: true,
    document: {
      url: 'https://bot.example.com/agreement-document?country=DE&sig=x',
      country: 'DE',
      language: 'de-DE',
    },
  },
  {
    refreshUserIds: ['29:a'],
    gdap: {
      ok: true,
      active: [
        {
          relationshipId: 'rel-1',
          roleIds: ['62e90394-69f5-4237-9190-012177145e10'],
          endDateTime: inDays(12),
          expiring: true,
        },
      ],
    },
    accessRows: [{ title: 'Admin access', value: 'Helpdesk Administrator via Helpdesk agents' }],
  },
  { refreshUserIds: ['29:a'], gdap: { ok: false } },
];

const engine = (template: unknown, root: Record<string, unknown>) =>
  new Template(template).expand({ $root: root });

describe('compiled card templates', () => {
  it('compiles every template in cards/, so none is left to the slow path', () => {
    const names = readdirSync(CARDS).filter((f) => f.endsWith('.json'));
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const json: unknown = JSON.parse(readFileSync(path.join(CARDS, name), 'utf8'));
      expect(compileTemplate(json), name).toBeTypeOf('function');
    }
  });

  it('gives the status card adaptivecards-templating gives, in every language, state and option', () => {
    let compared = 0;
    for (const locale of LOCALES) {
      for (const status of STATUSES) {
        for (const options of OPTIONS) {
          const card = renderStatusCard(status, { ...options, locale });
          const expected = expandWithTemplating(
            'status',
            locale,
            statusCardData(status, { ...options, locale }),
          );
          if (options.refreshForEveryone) delete (expected.refresh as { userIds?: unknown }).userIds;
          expect(JSON.stringify(card)).toBe(JSON.stringify(expected));
          compared++;
        }
      }
    }
    expect(compared).toBe(LOCALES.length * STATUSES.length * OPTIONS.length);
    const german = JSON.stringify(renderStatusCard(base, { ...OPTIONS[0]!, locale: 'de-DE' }));
    expect(german).toContain('"lang":"de"');
    expect(german).toContain('"userIds":["29:a","29:b"]');
  });

  it('follows the library on $when, $data repetition, dropped objects and nested paths', () => {
    const template = {
      type: 'AdaptiveCard',
      title: "${s['x.title']}",
      body: [
        { $when: '${flag}', type: 'TextBlock', text: '${name}' },
        { $when: '${!flag}', type: 'TextBlock', text: 'off' },
        { $when: "${note != ''}", type: 'TextBlock', text: '${note}' },
        { $when: "${note == ''}", type: 'TextBlock', text: 'no note' },
        {
          $when: '${count(rows) > 0}',
          type: 'FactSet',
          facts: [{ $data: '${rows}', title: '${title}', value: '${$root.name}' }],
        },
        { type: 'TextBlock', text: '${errors.phone}', $when: "${errors.phone != ''}" },
        { $data: '${one}', type: 'TextBlock', text: '${$data}' },
      ],
      maybe: { $when: '${flag}', kept: true, n: '${count}' },
      data: '${payload}',
    };
    const roots = [
      {
        flag: true,
        name: 'A',
        note: 'n',
        rows: [{ title: 't1' }, { title: 't2' }],
        errors: { phone: 'bad' },
        one: ['x'],
        count: 3,
        payload: { a: [1] },
      },
      { flag: false, name: 'B', note: '', rows: [], errors: { phone: '' }, one: [], count: 0, payload: [] },
      {
        flag: true,
        name: 'C',
        note: '',
        rows: [{ title: 'only' }],
        errors: { phone: '' },
        one: ['x', 'y'],
        count: 1,
        payload: 'p',
      },
    ].map((r) => ({ ...r, s: { 'x.title': 'Title' } }));
    const compiled = compileTemplate(template)!;
    for (const root of roots)
      expect(JSON.stringify(compiled(root))).toBe(JSON.stringify(engine(template, root)));
  });

  it('leaves a missing value to the library, which writes the binding back', () => {
    const compiled = compileTemplate({ text: '${name}' })!;
    expect(() => compiled({})).toThrow(NeedsTemplating);
    const data = statusCardData(base, { locale: 'en-US', refreshUserIds: [] }) as Record<string, unknown>;
    delete data.companyName;
    const card = renderTemplate('status', 'en-US', data);
    expect(card).toEqual(expandWithTemplating('status', 'en-US', data));
    expect(JSON.stringify(card)).toContain('"text":"${companyName}"');
  });

  it('does not compile forms it does not know', () => {
    expect(compileTemplate({ text: 'Hello ${name}' })).toBeUndefined();
    expect(compileTemplate({ $when: '${count > 1}', text: 'x' })).toBeUndefined();
    expect(compileTemplate({ text: '${toUpper(name)}' })).toBeUndefined();
    expect(compileTemplate({ $data: [1, 2], text: 'x' })).toBeUndefined();
  });
});
