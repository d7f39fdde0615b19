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
