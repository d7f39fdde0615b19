import { describe, expect, it } from 'vitest';
import { expandHelpCard, renderHelpCard, type HelpCardOptions } from '../../src/features/help/help-card';

const LOCALES = ['en-US', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'ja-JP', 'pt-BR'];
const AVAILABLE = ['status', 'request', 'history', 'help'];

describe('help cards expanded once and reused', () => {
  const options = (locale: string, over: Partial<HelpCardOptions> = {}): HelpCardOptions => ({
    locale,
    partnerName: 'Fabrikam Cloud Solutions',
    variant: 'help',
    available: AVAILABLE,
    example: 'contoso',
    ...over,
  });

  it('gives the card a fresh expansion gives, per language, variant and command list, asked alternately', () => {
    for (let round = 0; round < 2; round++) {
      for (const locale of LOCALES) {
        for (const variant of ['help', 'welcome'] as const) {
          expect(renderHelpCard(options(locale, { variant }))).toEqual(
            expandHelpCard(options(locale, { variant })),
          );
        }
        expect(renderHelpCard(options(locale, { available: undefined }))).toEqual(
          expandHelpCard(options(locale, { available: undefined })),
        );
      }
    }
    const german = JSON.stringify(renderHelpCard(options('de-DE')));
    expect(german).not.toEqual(JSON.stringify(renderHelpCard(options('en-US'))));
    expect(JSON.stringify(renderHelpCard(options('en-US', { partnerName: 'Other Partner' })))).toContain(
      'Other Partner',
    );
  });

  it('hands out a frozen card: changing it fails instead of changing the next reply', () => {
    const first = renderHelpCard(options('en-US'));
    expect(() => {
      first.body = [];
    }).toThrow(TypeError);
    expect(() => (first.body as unknown[]).push({})).toThrow(TypeError);
    expect(renderHelpCard(options('en-US'))).toEqual(expandHelpCard(options('en-US')));
  });

  it('expands a card quoting what was typed every time', () => {
    const a = renderHelpCard(options('en-US', { unknownText: 'stauts contoso', example: undefined }));
    const b = renderHelpCard(options('en-US', { unknownText: 'something else', example: undefined }));
    expect(JSON.stringify(a)).toContain('stauts contoso');
    expect(JSON.stringify(b)).toContain('something else');
  });
});
