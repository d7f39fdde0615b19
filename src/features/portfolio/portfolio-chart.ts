import type { Services } from '../../core/context';
import { chartAltText, chartInput, chartLocale } from './chart-model';
import { renderPng } from './chart-png';
import { chartSvg } from './chart-svg';
import { sweepHistory } from './sweep-history';
import type { SweepResult } from './types';

const CACHE = 'portfolio.chart';
/** As long as a chart link lives (src/http/links.ts): a sweep's picture never changes. */
const KEEP_MS = 14 * 86_400_000;

function cacheKey(sweepId: string, locale: string): string {
  // The locale, not only the language: en-US and en-GB write dates differently.
  return `${sweepId}/${chartLocale(locale).toLowerCase()}`;
}

/** A chart already drawn for this sweep and language, even after the sweep itself is no longer kept. */
export async function cachedChartPng(
  services: Services,
  sweepId: string,
  locale: string,
): Promise<Buffer | undefined> {
  const cached = await services.store.cache.get<string>(CACHE, cacheKey(sweepId, locale));
  return cached === undefined ? undefined : Buffer.from(cached, 'base64');
}

/**
 * The portfolio chart of a stored sweep as PNG, drawn once per sweep and language and cached.
 *
 * @example
 * const png = await portfolioChartPng(services, sweep, 'de-DE');
 */
export async function portfolioChartPng(
  services: Services,
  sweep: SweepResult,
  locale: string,
): Promise<Buffer> {
  const cached = await cachedChartPng(services, sweep.id, locale);
  if (cached) return cached;
  const png = renderPng(chartSvg(chartInput(await sweepHistory(services, sweep), locale)));
  const until = new Date(services.clock.now().getTime() + KEEP_MS);
  await services.store.cache.put(CACHE, cacheKey(sweep.id, locale), png.toString('base64'), until);
  return png;
}

/** The chart's alt text for a card in the reader's language. */
export async function portfolioChartAlt(
  services: Services,
  sweep: SweepResult,
  locale: string,
): Promise<string> {
  return chartAltText(await sweepHistory(services, sweep), locale);
}
