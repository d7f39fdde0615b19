import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../core/logger';
import type { Signer } from '../core/signing';
import type { PartnerCenterClient } from '../partner-center';
import { agreementDocumentRoute } from './agreement-document';
import { healthzRoute, readyzRoute, type ReadinessCheck } from './health';
import { AGREEMENT_DOCUMENT_PATH } from './links';
import { messagesRoute } from './messages';

/** Teams activities are small; a card action with inputs stays far below this. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

export interface HttpDeps {
  log: Logger;
  processActivity: (req: Request, res: Response) => Promise<void>;
  partnerCenter: PartnerCenterClient;
  signer: Signer;
  readiness: Record<string, ReadinessCheck>;
}

/** The restify server with every route; see README's cheat sheet for route → file. */
export function createHttpServer(deps: HttpDeps): Server {
  const server = restify.createServer({ name: 'mca-assist', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(
    restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_ACTIVITY_BYTES, rejectUnknown: true }),
  );

  server.post('/api/messages', messagesRoute({ process: deps.processActivity, log: deps.log }));
  server.get(AGREEMENT_DOCUMENT_PATH, agreementDocumentRoute(deps));
  server.get('/healthz', healthzRoute());
  server.get('/readyz', readyzRoute(deps.readiness));

  server.on(
    'restifyError',
    (req: Request, _res: Response, err: Error & { statusCode?: number }, cb: () => void) => {
      const status = err.statusCode ?? 500;
      const facts = { method: req.method, path: req.getPath(), status, error: err.name };
      if (status >= 500) deps.log.error({ ...facts, err }, 'http request failed');
      else deps.log.info(facts, 'http request refused');
      cb();
    },
  );
  return server;
}
