import type { Request, Response } from 'restify';
import type { Metrics } from '../core/metrics';
import type { Telemetry } from '../core/telemetry';

/**
 * `GET /metrics`: counters (core/metrics) and the OpenTelemetry histograms and gauges
 * (core/telemetry) in the Prometheus text format, for scraping.
 */
export function metricsRoute(metrics: Metrics, telemetry?: Pick<Telemetry, 'prometheus'>) {
  return async (_req: Request, res: Response): Promise<void> => {
    const text = metrics.render() + (telemetry ? await telemetry.prometheus() : '');
    res.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.sendRaw(200, text);
  };
}
