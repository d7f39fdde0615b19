import { systemClock, type Clock } from '../core/clock';
import type { Links } from '../core/context';
import type { Signer } from '../core/signing';

export const AGREEMENT_DOCUMENT_PATH = '/agreement-document';

export function agreementDocumentParts(country: string, language: string): string[] {
  return ['agreement-document', country, language];
}

export const PORTFOLIO_CSV_PATH = '/portfolio.csv';
/** A report link lives this long: long enough to click, short enough that a forwarded link dies. */
const PORTFOLIO_CSV_TTL_MS = 15 * 60_000;

/** What a portfolio CSV link signs: the sweep, the card's filter and the expiry (epoch ms). */
export function portfolioCsvParts(sweepId: string, country: string, state: string, exp: string): string[] {
  return ['portfolio-csv', sweepId, country, state, exp];
}

export const PORTFOLIO_CHART_PATH = '/portfolio.png';
/**
 * A chart link lives this long: Teams loads a card's image each time the card is viewed (the
 * digest is read for days), and the picture shows counts only, never a customer.
 */
export const PORTFOLIO_CHART_TTL_MS = 14 * 86_400_000;

/** What a chart link signs: the sweep, the reader's language and the expiry (epoch ms). */
export function portfolioChartParts(sweepId: string, lang: string, exp: string): string[] {
  return ['portfolio-chart', sweepId, lang, exp];
}

/** Builds links to the bot's own endpoints under PUBLIC_URL. */
export function createLinks(publicUrl: () => string, signer: Signer, clock: Clock = systemClock): Links {
  return {
    portfolioCsv(sweepId, filter) {
      const exp = String(clock.now().getTime() + PORTFOLIO_CSV_TTL_MS);
      const country = filter.country ?? '';
      const state = filter.state ?? '';
      const params = new URLSearchParams({ sweep: sweepId });
      if (country) params.set('country', country);
      if (state) params.set('state', state);
      params.set('exp', exp);
      params.set('sig', signer.sign(portfolioCsvParts(sweepId, country, state, exp)));
      return `${publicUrl()}${PORTFOLIO_CSV_PATH}?${params.toString()}`;
    },
    portfolioChart(sweepId, locale) {
      const exp = String(clock.now().getTime() + PORTFOLIO_CHART_TTL_MS);
      const lang = locale.slice(0, 35);
      const params = new URLSearchParams({ sweep: sweepId, lang, exp });
      params.set('sig', signer.sign(portfolioChartParts(sweepId, lang, exp)));
      return `${publicUrl()}${PORTFOLIO_CHART_PATH}?${params.toString()}`;
    },
    agreementDocument(country, language) {
      const params = new URLSearchParams({
        country,
        language,
        sig: signer.sign(agreementDocumentParts(country, language)),
      });
      return `${publicUrl()}${AGREEMENT_DOCUMENT_PATH}?${params.toString()}`;
    },
  };
}
