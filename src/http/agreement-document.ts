import type { Request, Response } from 'restify';
import { isAppError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Signer } from '../core/signing';
import type { PartnerCenterClient } from '../partner-center';
import { agreementDocumentParts } from './links';

const COUNTRY = /^[A-Z]{2}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/;

function text(res: Response, status: number, body: string): void {
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.sendRaw(status, body);
}

/**
 * `GET /agreement-document?country=DE&language=de-DE&sig=…` — cards link here because Partner
 * Center's document links expire after five minutes; each click fetches a fresh one and redirects.
 * Add `&download=1` for the Word file instead of the browser preview.
 */
export function agreementDocumentRoute(deps: {
  partnerCenter: PartnerCenterClient;
  signer: Signer;
  log: Logger;
}) {
  return async (req: Request, res: Response): Promise<void> => {
    const q = req.query as Record<string, unknown>;
    const country = typeof q.country === 'string' ? q.country : '';
    const language = typeof q.language === 'string' ? q.language : '';
    const sig = typeof q.sig === 'string' ? q.sig : '';
    if (!sig || !deps.signer.verify(agreementDocumentParts(country, language), sig)) {
      return text(res, 403, 'This link is not valid.');
    }
    if (!COUNTRY.test(country) || !LANGUAGE.test(language)) {
      return text(res, 400, 'This link names an unknown country or language.');
    }
    try {
      const doc = await deps.partnerCenter.getAgreementDocument(country, language);
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(302, q.download === '1' ? doc.downloadUri : doc.displayUri, () => undefined);
    } catch (err) {
      deps.log.warn(
        { code: isAppError(err) ? err.code : 'INTERNAL', country, language },
        'agreement document failed',
      );
      text(
        res,
        503,
        'Partner Center did not hand out the agreement document just now. Please try again in a minute.',
      );
    }
  };
}
