import type { Request, Response } from 'restify';
import type { Services } from '../core/context';
import type { Signer } from '../core/signing';
import { cachedChartPng, portfolioChartPng } from '../features/portfolio/portfolio-chart';
import { findSweep } from '../features/portfolio/sweep-store';
import { portfolioChartParts } from './links';
import { plainText as text, queryParam as param, signedLinkProblem } from './signed-query';

/**
 * `GET /portfolio.png?sweep=…&lang=…&exp=…&sig=…` — the chart on a portfolio card and the digest:
 * customers per state and the share accepted over the stored sweeps. Signed like the CSV; it lives
 * longer (14 days) because Teams loads a card's image each time the card is viewed, and it shows
 * counts only, never a customer.
 */
export function portfolioChartRoute(deps: { services: Services; signer: Signer }) {
  return async (req: Request, res: Response): Promise<void> => {
    const q = req.query as Record<string, unknown>;
    const sweepId = param(q, 'sweep');
    const lang = param(q, 'lang').slice(0, 35);
    const exp = param(q, 'exp');
    const sig = param(q, 'sig');
    const parts = portfolioChartParts(sweepId, lang, exp);
    const problem = signedLinkProblem(deps.signer, deps.services.clock, parts, sig, exp);
    if (problem === 'invalid') return text(res, 403, 'This link is not valid.');
    if (problem === 'expired') {
      return text(res, 403, 'This chart link has expired. Type pending in Teams for a fresh report.');
    }
    let png = await cachedChartPng(deps.services, sweepId, lang);
    if (!png) {
      const sweep = await findSweep(deps.services, sweepId);
      if (!sweep || sweep.tenantId !== deps.services.partner.tenantId) {
        return text(res, 404, 'This report is no longer kept. Type pending in Teams for a fresh one.');
      }
      png = await portfolioChartPng(deps.services, sweep, lang);
    }
    res.setHeader('Content-Type', 'image/png');
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.sendRaw(200, png);
  };
}
