import { context, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { Logger } from './logger';

/**
 * OpenTelemetry for the bot: a span per turn, per Partner Center and Graph call and per job, and
 * histograms served on `/metrics` (Prometheus text) and, with APPLICATIONINSIGHTS_CONNECTION_STRING,
 * exported to Azure Monitor. Attributes are names, statuses and counts only: never a tenant, user,
 * customer, text or token (the log-redaction tests check them).
 */
export interface Telemetry {
  /** Runs `fn` in an active span; an error sets the span's status and is rethrown. */
  span<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T>;
  /** One Teams turn (an HTTP request to /api/messages). */
  turn(attributes: Attributes, durationMs: number): void;
  /** One logical outbound call (all its attempts) in a span named after the service and endpoint. */
  call<T>(service: Service, endpoint: string, method: string, run: () => Promise<T>): Promise<T>;
  /** One attempt of an outbound call; also marks the active call span with the attempt and status. */
  attempt(service: Service, info: AttemptInfo): void;
  /** A finished job attempt, and how long it waited past its due time. */
  job(type: string, outcome: string, durationMs: number, waitedMs: number): void;
  /** A message that reached (or could not reach) a customer. */
  delivery(outcome: string): void;
  /** A counter from core/metrics (webhook outcomes, …), mirrored to Azure Monitor. */
  count(name: string, labels: Readonly<Record<string, string>>, by: number): void;
  /** The OpenTelemetry instruments in the Prometheus text format (appended to /metrics). */
  prometheus(): Promise<string>;
  shutdown(): Promise<void>;
}

export type Service = 'partner-center' | 'graph';

/** What an HTTP client needs to report its calls (src/partner-center/client.ts, src/graph/http.ts). */
export type CallObserver = Pick<Telemetry, 'call' | 'attempt'>;

export interface AttemptInfo {
  method: string;
  /** A path template or redacted path, e.g. `/v1/customers/{tenantId}/agreements`. */
  endpoint: string;
  status: number;
  attempt: number;
  durationMs: number;
}

export interface TelemetryOptions {
  log: Logger;
  /** APPLICATIONINSIGHTS_CONNECTION_STRING: export spans and metrics to Azure Monitor. */
  connectionString?: string;
  /** Tests collect spans here. */
  spanExporter?: SpanExporter;
  /** Pending jobs now (the queue depth gauge, read at each collection). */
  pendingJobs?: () => Promise<number>;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

let contextManagerSet = false;

/**
 * @example
 * const telemetry = await createTelemetry({ log, connectionString: config.telemetry.connectionString });
 * await telemetry.span('partner-center getCustomer', { 'mca.endpoint': 'getCustomer' }, () => pc.getCustomer(id));
 */
export async function createTelemetry(options: TelemetryOptions): Promise<Telemetry> {
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

  function span<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
    return tracer.startActiveSpan(name, { attributes }, async (active) => {
      try {
        return await fn(active);
      } catch (err) {
        active.setStatus({ code: SpanStatusCode.ERROR, message: errorCode(err) });
        active.setAttribute('mca.error', errorCode(err));
        throw err;
      } finally {
        active.end();
      }
    });
  }

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

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : 'ERROR';
}
