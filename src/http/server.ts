import restify, { type Request, type Response, type Server } from 'restify';
import type { Services } from '../core/context';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import { asInteractive } from '../core/priority';
import type { Telemetry } from '../core/telemetry';
import type { Signer } from '../core/signing';
import type { PartnerCenterClient } from '../partner-center';
import { agreementDocumentRoute } from './agreement-document';
import { healthzRoute, readyzRoute, type ReadinessCheck } from './health';
import { AGREEMENT_DOCUMENT_PATH, PORTFOLIO_CHART_PATH, PORTFOLIO_CSV_PATH } from './links';
import { messagesRoute, type ActivityProcessor } from './messages';
import { portfolioChartRoute } from './portfolio-chart';
import { metricsRoute } from './metrics';
import { skipBodyParser } from './raw-body';
import { PARTNER_CENTER_WEBHOOK_PATH, partnerCenterWebhookRoute } from './webhooks';
import type { WebhookVerifier } from '../webhooks/signature';
import { portfolioCsvRoute } from './portfolio-csv';
import { PURCHASE_BLOCKED_PATH, purchaseBlockedRoute } from './purchase-blocked';

/** Teams activities are small; a card action with inputs stays far below this. */
const MAX_ACTIVITY_BYTES = 256 * 1024;

export interface HttpDeps {
  log: Logger;
  /** Authenticates and runs one activity (src/teams/process-activity.ts). */
  processActivity: ActivityProcessor;
  partnerCenter: PartnerCenterClient;
  signer: Signer;
  readiness: Record<string, ReadinessCheck>;
  /** For routes that serve feature data (the portfolio CSV). */
  services: Services;
  metrics: Metrics;
  /** OpenTelemetry histograms and gauges, appended to /metrics. */
  telemetry?: Pick<Telemetry, 'prometheus'>;
  /** Checks Partner Center's signature on webhook requests (production or sandbox trust, src/app.ts). */
  webhookVerifier: WebhookVerifier;
  /** PURCHASE_API_KEYS and PURCHASE_API_RATE_PER_MINUTE for POST /api/purchase-blocked. */
  purchaseApi: { keys: readonly string[]; ratePerMinute: number };
}

/** A route whose work someone waits for (src/core/priority.ts); restify wants async handlers of arity 2. */
function forPerson(route: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response): Promise<void> => asInteractive(() => route(req, res));
}

/** The restify server with every route; see README's cheat sheet for route → file. */
export function createHttpServer(deps: HttpDeps): Server {
  const server = restify.createServer({ name: 'mca-assist', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(
    // Signed webhooks need their raw bytes, and purchase-blocked has its own 16 KB limit, so the
    // parser leaves those routes' bodies alone.
    skipBodyParser(
      [PARTNER_CENTER_WEBHOOK_PATH, PURCHASE_BLOCKED_PATH],
      restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_ACTIVITY_BYTES, rejectUnknown: true }),
    ),
  );

  server.post(
    '/api/messages',
    messagesRoute({ process: deps.processActivity, log: deps.log, metrics: deps.metrics }),
  );
  // People (a click on a link) and callers that wait for the answer: their Partner Center calls go
  // ahead of background work. Webhooks are Partner Center telling us something: background.
  server.get(AGREEMENT_DOCUMENT_PATH, forPerson(agreementDocumentRoute(deps)));
  server.get(PORTFOLIO_CSV_PATH, forPerson(portfolioCsvRoute(deps)));
  server.get(PORTFOLIO_CHART_PATH, forPerson(portfolioChartRoute(deps)));
  server.get('/healthz', healthzRoute());
  server.get('/readyz', readyzRoute(deps.readiness));
  server.get('/metrics', metricsRoute(deps.metrics, deps.telemetry));
  server.post(PARTNER_CENTER_WEBHOOK_PATH, partnerCenterWebhookRoute(deps));
  server.post(PURCHASE_BLOCKED_PATH, forPerson(purchaseBlockedRoute(deps)));

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
