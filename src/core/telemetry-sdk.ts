import { context, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { runSpan } from './span';
import type { Telemetry, TelemetryOptions } from './telemetry';

/**
 * The OpenTelemetry SDK behind `Telemetry` (core/telemetry.ts): tracer and meter providers, the
 * histograms and counters, the Prometheus reader of `/metrics`, Azure Monitor when configured.
 * Loaded only when needed: at once when spans go somewhere, else right after the server listens
 * (it is about a tenth of start-up; issue 13 "Ready fast").
 */

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

let contextManagerSet = false;

export async function createSdkTelemetry(options: TelemetryOptions): Promise<Omit<Telemetry, 'load'>> {
  if (!contextManagerSet) {
    // One per process: it carries the active span across awaits, so calls nest under their turn or job.
    contextManagerSet = context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  }
  const resource = resourceFromAttributes({ 'service.name': 'mca-assist' });
  const azure = options.connectionString ? await azureExporters(options.connectionString) : undefined;

  const spanProcessors: SpanProcessor[] = [];
  if (options.spanExporter) spanProcessors.push(new SimpleSpanProcessor(options.spanExporter));
  if (azure) spanProcessors.push(new BatchSpanProcessor(azure.traces));
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors });
  // With nowhere to send spans, the API's no-op tracer: no span objects, attributes or ids built on
  // every turn and call for nothing (context still nests).
  const tracer: Tracer =
    spanProcessors.length > 0 ? tracerProvider.getTracer('mca-assist') : trace.getTracer('mca-assist');

  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const readers: MetricReader[] = [prometheus];
  if (azure)
    readers.push(
      new PeriodicExportingMetricReader({ exporter: azure.metrics(), exportIntervalMillis: 60_000 }),
    );
  const meterProvider = new MeterProvider({ resource, readers });
  const meter = meterProvider.getMeter('mca-assist');
  // core/metrics counters are on /metrics already; a second provider sends them to Azure Monitor only.
  const mirrorProvider = azure
    ? new MeterProvider({
        resource,
        readers: [
          new PeriodicExportingMetricReader({ exporter: azure.metrics(), exportIntervalMillis: 60_000 }),
        ],
      })
    : undefined;
  const mirrorMeter = mirrorProvider?.getMeter('mca-assist-counters');

  const histogram = (name: string, description: string) =>
    meter.createHistogram(name, { description, advice: { explicitBucketBoundaries: SECONDS } });
  const turns = histogram(
    'mca_turn_duration_seconds',
    'Teams turns (POST /api/messages) by activity type and HTTP status',
  );
  const calls = histogram(
    'mca_partner_center_request_duration_seconds',
    'Partner Center attempts by endpoint, method and HTTP status (0 = no answer)',
  );
  const graphCalls = histogram(
    'mca_graph_request_duration_seconds',
    'Microsoft Graph attempts by endpoint and status',
  );
  const jobs = histogram('mca_job_duration_seconds', 'Job attempts by type and outcome');
  const waits = histogram(
    'mca_job_queue_wait_seconds',
    'How long a job waited past its due time before it ran',
  );
  const deliveries = meter.createCounter('mca_deliveries', { description: 'Customer messages by outcome' });
  const pending = meter.createObservableGauge('mca_jobs_pending', {
    description: 'Jobs waiting in the queue',
  });
  if (options.pendingJobs) {
    const read = options.pendingJobs;
    pending.addCallback(async (result) => {
      try {
        result.observe(await read());
      } catch {
        // The store is unreachable: /readyz says so; the gauge has no value this time.
      }
    });
  }
  const mirrored = new Map<string, ReturnType<NonNullable<typeof mirrorMeter>['createCounter']>>();
  const serializer = new PrometheusSerializer(undefined, false, undefined, true, true);

  const span: Telemetry['span'] = (name, attributes, fn) => runSpan(tracer, name, attributes, fn);

  return {
    span,
    call(service, endpoint, method, run) {
      const attributes = { 'mca.service': service, 'mca.endpoint': endpoint, 'http.request.method': method };
      return span(`${service} ${endpoint}`, attributes, run);
    },
    turn(attributes, durationMs) {
      turns.record(durationMs / 1000, attributes);
    },
    attempt(service, info) {
      const labels = { endpoint: info.endpoint, method: info.method, status: String(info.status) };
      (service === 'graph' ? graphCalls : calls).record(info.durationMs / 1000, labels);
      const span = trace.getActiveSpan();
      span?.setAttribute('mca.attempts', info.attempt);
      span?.setAttribute('mca.retries', info.attempt - 1);
      span?.setAttribute('http.response.status_code', info.status);
    },
    job(type, outcome, durationMs, waitedMs) {
      jobs.record(durationMs / 1000, { type, outcome });
      waits.record(Math.max(0, waitedMs) / 1000, { type });
    },
    delivery(outcome) {
      deliveries.add(1, { outcome });
    },
    count(name, labels, by) {
      if (!mirrorMeter) return;
      let counter = mirrored.get(name);
      if (!counter) mirrored.set(name, (counter = mirrorMeter.createCounter(name.replace(/_total$/, ''))));
      counter.add(by, labels);
    },
    async prometheus() {
      const { resourceMetrics } = await prometheus.collect();
      return serializer.serialize(resourceMetrics);
    },
    async shutdown() {
      await Promise.allSettled([
        tracerProvider.shutdown(),
        meterProvider.shutdown(),
        mirrorProvider?.shutdown(),
      ]);
    },
  };

  async function azureExporters(connectionString: string) {
    try {
      // Loaded only when configured: the exporter and its Azure SDK stay out of memory otherwise.
      const { AzureMonitorMetricExporter, AzureMonitorTraceExporter } =
        await import('@azure/monitor-opentelemetry-exporter');
      return {
        traces: new AzureMonitorTraceExporter({ connectionString }),
        metrics: () => new AzureMonitorMetricExporter({ connectionString }),
      };
    } catch (err) {
      options.log.error({ err }, 'Azure Monitor export is off: the exporter could not start');
      return undefined;
    }
  }
}
