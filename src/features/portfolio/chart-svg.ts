import type { AgreementState } from '../status';
import { STATE_PALETTE } from '../status';
import { ALL_STATES } from './portfolio-view';

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;
/** Where each state's legend swatch sits (a solid square of its colour, for the eye and for tests). */
export const SWATCH = { x: 24, firstY: 70, stepY: 62, size: 18 } as const;
const INK = '#1F1F1F';
const MUTED = '#616161';
const GRID = '#E0E0E0';
const FONT = 'Roboto';

/** Everything the picture shows, already counted, formatted and translated. */
export interface ChartInput {
  counts: Record<AgreementState, number>;
  /** State names and the two panel titles, in the reader's language. */
  labels: Record<AgreementState, string>;
  titles: { states: string; trend: string; span: string };
  /** The counts as the reader writes numbers ("1,234" or "1.234"). */
  countText: Record<AgreementState, string>;
  /** Share accepted per sweep, 0–1, oldest first (one point at least). */
  trend: number[];
  /** Percent labels for the y axis and the newest point, e.g. "0 %" / "61%". */
  percent: (share: number) => string;
  /** Dates under the first and last point. */
  firstDate: string;
  lastDate: string;
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function text(x: number, y: number, value: string, attrs = ''): string {
  const fill = attrs.includes('fill=') ? '' : `fill="${INK}" `;
  return `<text x="${x}" y="${y}" font-family="${FONT}" ${fill}${attrs}>${xml(value)}</text>`;
}

function statesPanel(input: ChartInput): string[] {
  const max = Math.max(1, ...ALL_STATES.map((s) => input.counts[s]));
  const barMax = 300;
  const out = [text(24, 38, input.titles.states, 'font-size="22" font-weight="700"')];
  ALL_STATES.forEach((state, i) => {
    const y = SWATCH.firstY + i * SWATCH.stepY;
    const colour = STATE_PALETTE[state].hex;
    const width = Math.round((input.counts[state] / max) * barMax);
    out.push(
      `<rect x="${SWATCH.x}" y="${y}" width="${SWATCH.size}" height="${SWATCH.size}" fill="${colour}"/>`,
      text(SWATCH.x + SWATCH.size + 8, y + 15, input.labels[state], 'font-size="18"'),
      `<rect x="24" y="${y + 25}" width="${width}" height="22" fill="${colour}"/>`,
      text(24 + width + 8, y + 43, input.countText[state], 'font-size="20" font-weight="700"'),
    );
  });
  return out;
}

function trendPanel(input: ChartInput): string[] {
  const left = 492;
  const right = 770;
  const top = 92;
  const bottom = 340;
  const y = (share: number) => Math.round(bottom - share * (bottom - top));
  const out = [
    text(432, 38, input.titles.trend, 'font-size="22" font-weight="700"'),
    text(432, 62, input.titles.span, `font-size="16" fill="${MUTED}"`),
  ];
  for (const share of [0, 0.25, 0.5, 0.75, 1]) {
    out.push(
      `<line x1="${left}" y1="${y(share)}" x2="${right}" y2="${y(share)}" stroke="${GRID}" stroke-width="1"/>`,
      text(left - 8, y(share) + 6, input.percent(share), `font-size="16" fill="${MUTED}" text-anchor="end"`),
    );
  }
  const n = input.trend.length;
  const x = (i: number) => Math.round(n === 1 ? right : left + (i * (right - left)) / (n - 1));
  const points = input.trend.map((share, i) => `${x(i)},${y(share)}`);
  if (n > 1) {
    out.push(
      `<polyline points="${points.join(' ')}" fill="none" stroke="${INK}" stroke-width="3" stroke-linejoin="round"/>`,
    );
  }
  input.trend.forEach((share, i) => out.push(`<circle cx="${x(i)}" cy="${y(share)}" r="5" fill="${INK}"/>`));
  const last = input.trend[n - 1] ?? 0;
  out.push(
    text(
      x(n - 1) - 8,
      y(last) - 12,
      input.percent(last),
      'font-size="20" font-weight="700" text-anchor="end"',
    ),
    text(left, bottom + 30, input.firstDate, `font-size="16" fill="${MUTED}"`),
    text(right, bottom + 30, input.lastDate, `font-size="16" fill="${MUTED}" text-anchor="end"`),
  );
  return out;
}

/**
 * The portfolio chart as SVG: customers per state now (bars, one colour each, with the state named
 * beside its swatch, so colour is never the only cue) and the share accepted over the stored
 * sweeps (a line in neutral ink).
 *
 * @example
 * renderPng(chartSvg(chartInput(history, 'en-US')))
 */
export function chartSvg(input: ChartInput): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#FFFFFF"/>`,
    ...statesPanel(input),
    `<line x1="408" y1="20" x2="408" y2="380" stroke="${GRID}" stroke-width="1"/>`,
    ...trendPanel(input),
    '</svg>',
  ].join('\n');
}
