import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { AppConfig } from '../config';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { createTelemetry, type Telemetry } from '../core/telemetry';
import type { DeliveryEngine } from '../delivery/customer-delivery';
import type { ActivityProcessor } from '../http/messages';
import type { JobAttemptOutcome } from '../jobs/worker';
import type { Job, Store } from '../store/types';

/** The app's telemetry: Azure Monitor when configured, the queue depth from the store. */
export function appTelemetry(config: AppConfig, log: Logger, store: Store, spanExporter?: SpanExporter) {
  return createTelemetry({
    log: log.child({ component: 'telemetry' }),
    connectionString: config.telemetry.appInsightsConnectionString,
    spanExporter,
    pendingJobs: () => store.jobs.pendingCount(),
  });
}

/** Activity types Teams sends; anything else is counted as "other" (labels stay a small, fixed set). */
const ACTIVITY_TYPES = new Set([
  'message',
  'invoke',
  'conversationUpdate',
  'installationUpdate',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'event',
  'typing',
]);
const NAME = /^[A-Za-z][A-Za-z0-9/._-]{0,63}$/;

/**
 * Span attributes of a turn: activity type, invoke name and card verb, which are names the bot or
 * Teams defines. Never text, ids of people or tenants, or card data.
 */
export function turnAttributes(body: unknown): Record<string, string> {
  const a = (body && typeof body === 'object' ? body : {}) as {
    type?: unknown;
    name?: unknown;
    value?: { action?: { verb?: unknown } };
  };
  const type = typeof a.type === 'string' && ACTIVITY_TYPES.has(a.type) ? a.type : 'other';
  const attributes: Record<string, string> = { 'mca.activity.type': type };
  if (type === 'invoke' && typeof a.name === 'string' && NAME.test(a.name))
    attributes['mca.invoke.name'] = a.name;
  const verb = a.value?.action?.verb;
  if (typeof verb === 'string' && /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(verb)) attributes['mca.verb'] = verb;
  return attributes;
}

/**
 * POST /api/messages: a span per turn and the turn latency histogram (by activity type and the
 * status Teams was answered with). Keeps the processor's other members (`drain`).
 */
export function traceTurns<P extends ActivityProcessor>(process: P, telemetry: Telemetry): P {
  const traced: ActivityProcessor = async (body, authHeader) => {
    const attributes = turnAttributes(body);
    const started = performance.now();
    let status = 500;
    try {
      return await telemetry.span('turn', attributes, async (span) => {
        const answer = await process(body, authHeader);
        status = answer.status;
        span.setAttribute('http.response.status_code', answer.status);
        return answer;
      });
    } finally {
      telemetry.turn(
        { activity_type: attributes['mca.activity.type']!, status: String(status) },
        performance.now() - started,
      );
    }
  };
  return Object.assign(traced, process);
}

/** The worker's `around`: a span per job attempt, its duration and how long it waited past its due time. */
export function traceJobs(telemetry: Telemetry, clock: Clock) {
  return (job: Job, run: () => Promise<JobAttemptOutcome>): Promise<JobAttemptOutcome> =>
    telemetry.span(
      `job ${job.type}`,
      { 'mca.job.type': job.type, 'mca.job.attempt': job.attempts },
      async (span) => {
        const waitedMs = clock.now().getTime() - job.runAt.getTime();
        const started = performance.now();
        const outcome = await run();
        span.setAttribute('mca.job.outcome', outcome);
        telemetry.job(job.type, outcome, performance.now() - started, waitedMs);
        return outcome;
      },
    );
}

/** Counts customer deliveries by the channel that reached them (teams, email, forward) or "failed". */
export function countDeliveries(delivery: DeliveryEngine, telemetry: Telemetry): DeliveryEngine {
  return {
    ...delivery,
    async deliver(message) {
      try {
        const result = await delivery.deliver(message);
        telemetry.delivery(result.channel);
        return result;
      } catch (err) {
        telemetry.delivery('failed');
        throw err;
      }
    },
  };
}
