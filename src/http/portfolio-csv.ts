import type { Request, Response } from 'restify';
import type { Services } from '../core/context';
import { httpStatusFor } from '../core/error-table';
import { isAppError } from '../core/errors';
import type { Signer } from '../core/signing';
import { filterFrom } from '../features/portfolio/filter';
import { sweepCsv } from '../features/portfolio/report-csv';
import { portfolioCsvParts } from './links';
import { plainText as text, queryParam as param, signedLinkProblem } from './signed-query';

/**
 * `GET /portfolio.csv?sweep=…&country=…&state=…&exp=…&sig=…` — the report behind a portfolio card.
 * The link is HMAC-signed over every parameter and expires after 15 minutes; anything else is a
 * 403 that reveals nothing.
 */
export function portfolioCsvRoute(deps: { services: Services; signer: Signer }) {
  return async (req: Request, res: Response): Promise<void> => {
    const q = req.query as Record<string, unknown>;
    const sweep = param(q, 'sweep');
    const country = param(q, 'country');
    const state = param(q, 'state');
    const exp = param(q, 'exp');
    const sig = param(q, 'sig');
    const problem = signedLinkProblem(
      deps.signer,
      deps.services.clock,
      portfolioCsvParts(sweep, country, state, exp),
      sig,
      exp,
    );
    if (problem === 'invalid') return text(res, 403, 'This link is not valid.');
    if (problem === 'expired') {
      return text(
        res,
        403,
        'This link has expired: report links work for 15 minutes. Select New download link on the report card in Teams and then Download CSV.',
      );
    }
    try {
      const { csv, filename } = await sweepCsv(deps.services, sweep, filterFrom({ country, state }));
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.sendRaw(200, Buffer.from(csv, 'utf8'));
    } catch (err) {
      if (!isAppError(err) || httpStatusFor(err) !== 404) throw err;
      text(res, 404, 'This report is no longer kept. Type pending in Teams for a fresh one.');
    }
  };
}
