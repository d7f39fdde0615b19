import { trace, type Attributes, type Span } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Logger } from './logger';
import { runSpan } from './span';

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
  /** Loads the SDK now if it was left for later (src/index.ts: right after the server listens). */
  load(): Promise<void>;
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

/** Records made before a deferred SDK has loaded, replayed into it; more than this are dropped. */
const BACKLOG_MAX = 10_000;

/**
 * With somewhere to send spans (Azure Monitor, a test's exporter) the SDK is loaded at once, so the
 * first turn has real spans. Otherwise spans are the API's no-op ones anyway, and the SDK (metrics
 * for `/metrics`) is loaded by `load()` after the server listens: what is recorded before then is
 * kept and replayed into it, and `/metrics` waits for it, so nothing is lost or wrong (issue 13).
 *
 * @example
 * const telemetry = await createTelemetry({ log, connectionString: config.telemetry.connectionString });
 * await telemetry.span('partner-center getCustomer', { 'mca.endpoint': 'getCustomer' }, () => pc.getCustomer(id));
 */
export async function createTelemetry(options: TelemetryOptions): Promise<Telemetry> {
  const start = async () => (await import('./telemetry-sdk.js')).createSdkTelemetry(options);
  if (options.spanExporter || options.connectionString) {
    return { ...(await start()), load: async () => undefined };
  }
  let sdk: Omit<Telemetry, 'load'> | undefined;
  let loading: Promise<Omit<Telemetry, 'load'>> | undefined;
  let backlog: ((t: Omit<Telemetry, 'load'>) => void)[] = [];
  const load = () =>
    (loading ??= start().then((t) => {
      sdk = t;
      for (const replay of backlog) replay(t);
      backlog = [];
      return t;
    }));
  const record = (replay: (t: Omit<Telemetry, 'load'>) => void) => {
    if (sdk) replay(sdk);
    else if (backlog.length < BACKLOG_MAX) backlog.push(replay);
  };
  const tracer = trace.getTracer('mca-assist');
  const span: Telemetry['span'] = (name, attributes, fn) => runSpan(tracer, name, attributes, fn);
  return {
    span,
    call: (service, endpoint, method, run) =>
      span(
        `${service} ${endpoint}`,
        { 'mca.service': service, 'mca.endpoint': endpoint, 'http.request.method': method },
        run,
      ),
    turn: (attributes, durationMs) => record((t) => t.turn(attributes, durationMs)),
    attempt: (service, info) => record((t) => t.attempt(service, info)),
    job: (type, outcome, durationMs, waitedMs) => record((t) => t.job(type, outcome, durationMs, waitedMs)),
    delivery: (outcome) => record((t) => t.delivery(outcome)),
    count: (name, labels, by) => record((t) => t.count(name, labels, by)),
    prometheus: async () => (await load()).prometheus(),
    load: async () => void (await load()),
    shutdown: async () => {
      if (loading) await (await loading).shutdown();
    },
  };
}
