import { describe, expect, it } from 'vitest';
import { chartAltText, chartInput, chartLocale } from '../../src/features/portfolio/chart-model';
import { renderPng } from '../../src/features/portfolio/chart-png';
import { CHART_HEIGHT, CHART_WIDTH, SWATCH, chartSvg } from '../../src/features/portfolio/chart-svg';
import type { SweepSummary } from '../../src/features/portfolio/sweep-history';
import { ALL_STATES } from '../../src/features/portfolio/portfolio-view';
import { STATE_PALETTE } from '../../src/features/status/state-palette';
import { decodePng } from '../manifest/png';
import { colourCount } from '../support/png-colours';

const summary = (day: number, accepted: number, notAccepted: number): SweepSummary => ({
  sweepId: `202603${String(day).padStart(2, '0')}080000-0000000${day % 10}`,
  finishedAt: `2026-03-${String(day).padStart(2, '0')}T08:00:00.000Z`,
  complete: true,
  counts: {
    'accepted-attested': accepted,
    'accepted-directly': 3,
    'reacceptance-required': 2,
    'not-accepted': notAccepted,
    unknown: 1,
  },
});
const HISTORY = [summary(2, 4, 10), summary(3, 6, 8), summary(4, 9, 5)];

function pixel(png: ReturnType<typeof decodePng>, x: number, y: number): string {
  const i = (y * png.width + x) * 4;
  return `#${[0, 1, 2].map((k) => png.pixels[i + k]!.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

describe('the portfolio chart', () => {
  it('renders an 800×400 PNG with each state’s colour in its legend swatch and bar', () => {
    const png = decodePng(renderPng(chartSvg(chartInput(HISTORY, 'en-US'))));
    expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    ALL_STATES.forEach((state, i) => {
      const { hex } = STATE_PALETTE[state];
      const y = SWATCH.firstY + i * SWATCH.stepY + SWATCH.size / 2;
      expect(pixel(png, SWATCH.x + SWATCH.size / 2, y), state).toBe(hex);
      expect(colourCount(png, hex), state).toBeGreaterThan(SWATCH.size * SWATCH.size);
    });
  });

  it('draws text with the bundled font (titles are not blank)', () => {
    const png = decodePng(renderPng(chartSvg(chartInput(HISTORY, 'en-US'))));
    let ink = 0;
    for (let y = 14; y < 44; y++) for (let x = 24; x < 300; x++) if (pixel(png, x, y) === '#1F1F1F') ink++;
    expect(ink).toBeGreaterThan(50);
  });

  it('uses a palette told apart with colour blindness, and never the same colour twice', () => {
    const colours = ALL_STATES.map((s) => STATE_PALETTE[s].hex);
    expect(new Set(colours).size).toBe(ALL_STATES.length);
    expect(colours).toEqual(['#0072B2', '#009E73', '#E69F00', '#D55E00', '#999999']); // Okabe–Ito
  });

  it('escapes text for SVG', () => {
    const input = chartInput(HISTORY, 'en');
    const svg = chartSvg({ ...input, titles: { states: '<b>&"x"</b>', trend: 't', span: 's' } });
    expect(svg).toContain('&#60;b&#62;&#38;&#34;x&#34;&#60;/b&#62;');
    expect(svg).not.toContain('<b>');
  });

  it('plots the share accepted of every sweep, oldest first', () => {
    const input = chartInput(HISTORY, 'en');
    expect(input.trend.map((s) => Math.round(s * 100))).toEqual([35, 45, 60]);
    expect(input.titles).toMatchObject({ trend: 'Share accepted', span: 'last 3 reports' });
    expect(chartInput([HISTORY[0]!], 'en').titles.span).toBe('last 1 report');
  });

  it('says in words what the chart shows, in the reader’s language', () => {
    expect(chartAltText(HISTORY, 'en-US')).toBe(
      "Portfolio chart. Customers per state: Accepted (partner attestation) 9, Accepted directly by the customer 3, Re-acceptance needed 2, Not accepted 5, Can't tell 1. Share accepted over the last 3 reports: 35% on Mar 2, 2026, 60% on Mar 4, 2026.",
    );
    expect(chartAltText([HISTORY[0]!], 'en')).toMatch(/Share accepted: 35%\.$/);
    expect(chartAltText(HISTORY, 'de-DE')).toMatch(/^Portfolio-Diagramm\. Kunden je Status: /);
  });

  it('labels the picture in English where the bundled font has no glyphs (Japanese)', () => {
    expect(chartLocale('ja-JP')).toBe('en');
    expect(chartLocale('de-DE')).toBe('de-DE');
    expect(chartInput(HISTORY, 'ja-JP').titles.states).toBe('Customers per state');
    expect(chartAltText(HISTORY, 'ja-JP')).toMatch(/^ポートフォリオのグラフ/);
  });
});
