import type { Request, Response } from 'restify';
import type { Metrics } from '../core/metrics';

/** `GET /metrics`: counters in the Prometheus text format, for scraping. */
export function metricsRoute(metrics: Metrics) {
  return async (_req: Request, res: Response): Promise<void> => {
    res.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.sendRaw(200, metrics.render());
  };
}
