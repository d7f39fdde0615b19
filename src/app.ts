import { mkdirSync } from 'node:fs';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Server } from 'restify';
import type { AppConfig } from './config';
import type { Coordination } from './coordination';
import { systemClock, type Clock } from './core/clock';
import type { Services } from './core/context';
import type { Telemetry } from './core/telemetry';
import type { Logger } from './core/logger';
import { createMetrics } from './core/metrics';
import { createSigner } from './core/signing';
import { DEFAULT_STALE_MS } from './delivery/once';
import { createLinks } from './http/links';
import { createHttpServer } from './http/server';
import { PARTNER_CENTER_WEBHOOK_PATH } from './http/webhooks';
import { scheduleReconcile } from './features/relationships';
import { partnerCenterLimiter } from './jobs/partner-center-limiter';
import { Worker } from './jobs/worker';
import type { Sandbox } from './sandbox';
import { channelAuthentication, createAdapter } from './teams';
import { graphClients, partnerCenterClient, type ClientDeps } from './wiring/clients';
import { coordinationFor } from './wiring/coordination';
import { deliveryFor } from './wiring/delivery';
import { partnerCenterAccess } from './wiring/partner-center-access';
import { signingSecret } from './wiring/signing-secret';
import { openStore } from './wiring/store';
import { appTelemetry, countDeliveries, traceJobs } from './wiring/telemetry';
import { createAppMemory } from './core/app-memory';
import { createRouter } from './wiring/router';
import { turnProcessor } from './wiring/turns';
import { webhookVerifier } from './wiring/webhook-verifier';

export { createRouter } from './wiring/router';

export interface App {
  server: Server;
  services: Services;
  /** The embedded Partner Center emulator, in sandbox mode. */
  sandbox?: Sandbox;
  worker: Worker;
  /** Its metrics SDK is loaded after listening (`telemetry.load()`, src/index.ts). */
  telemetry: Telemetry;
  /** Starts listening and the job worker; resolves with the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface AppOverrides {
  clock?: Clock;
  fetch?: typeof fetch;
  /** Tests with a fast clock: waits of the Partner Center limiter and retries, on that clock's time. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Tests: a sandbox that outlives the app (restart tests); the app will not close it. */
  externalSandbox?: Sandbox;
  /** Tests: where spans go (an InMemorySpanExporter), besides Azure Monitor when configured. */
  spanExporter?: SpanExporter;
}

/**
 * Wiring: config → store, Partner Center (sandbox or live), router, bot, HTTP server.
 * The only place that knows which mode is running.
 *
 * @example
 * const app = await createApp(loadConfig(), createLogger());
 * const url = await app.listen();
 */
export async function createApp(config: AppConfig, log: Logger, overrides: AppOverrides = {}): Promise<App> {
  const clock = overrides.clock ?? systemClock;
  mkdirSync(config.dataDir, { recursive: true });
  const { store, azure } = await openStore(config, clock);
  // Every piece that must hold across instances (README "State and coordination"): in process for
  // one instance; with STORE=azure lease entities in Table storage, live-instance membership, and
  // each instance's 1/N share of every rate budget (Partner Center, Teams; used below).
  const shared = await coordinationFor(azure, log);
  const coordination: Coordination = {
    customerLock: shared.coordination.customerLock,
    singleFlight: shared.coordination.singleFlight,
    sweeps: shared.coordination.sweeps,
  };
  await shared.start();
  const access = await partnerCenterAccess(config, log, overrides.externalSandbox, {
    records: store.records,
    clock,
  });
  const telemetry = await appTelemetry(config, log, store, overrides.spanExporter);
  const metrics = createMetrics((name, labels, by) => telemetry.count(name, labels, by));
  const { fetch, sleep } = overrides;
  const clients: ClientDeps = { config, log, access, telemetry, clock, fetch, sleep };
  // One Partner Center pace per partner tenant, this instance's share of it. The limiter must measure
  // time on the clock it sleeps on: a test's frozen clock would stall it.
  const partnerCenter = partnerCenterClient(
    clients,
    partnerCenterLimiter(
      config.partnerCenter.rateLimitPerMinute,
      sleep ? clock : systemClock,
      sleep,
      shared.share,
    ),
  );
  const graph = graphClients(clients);
  const signer = createSigner(signingSecret(config));
  let baseUrl = config.publicUrl;
  for (const warning of config.warnings) log.warn(warning);
  const channelAuth = channelAuthentication(config);
  const adapter = createAdapter(config, log, channelAuth);
  // Teams sends paced per tenant and conversation, at this instance's share.
  const { messenger, delivery, release } = deliveryFor({
    config,
    log,
    store,
    clock,
    adapter,
    mail: graph.mail,
    share: shared.share,
    instance: shared.instance,
    fetch,
    sleep,
  });
  const router = createRouter(config);
  const services: Services = {
    coordination,
    hooks: router.hooks,
    memory: createAppMemory(),
    partnerCenter,
    store,
    clock,
    log,
    partner: config.partner,
    links: createLinks(() => baseUrl, signer, clock),
    messenger,
    portfolio: config.portfolio,
    signer,
    delivery: countDeliveries(delivery, telemetry),
    purchases: {
      reminderOffsetsMs: config.purchases.reminderOffsetsMs,
      maxAttempts: config.delivery.maxAttempts,
      release,
    },
    gdap: graph.gdap,
    gdapAccess: graph.gdapAccess,
    relationships: {
      inviteDap: config.relationships.inviteDap,
      notifyConversation: config.relationships.notifyConversation,
      webhookUrl: () => `${baseUrl}${PARTNER_CENTER_WEBHOOK_PATH}`,
      reconcileMinutes: config.relationships.reconcileMinutes,
      defaultGroups: config.relationships.defaultGroups,
    },
  };
  const turn = { config, log, adapter, channelAuth, router, services, clock, metrics, telemetry };
  const processActivity = turnProcessor(turn);
  const worker = new Worker({
    jobs: store.jobs,
    handlers: Object.fromEntries(
      [...router.jobs()].map(([type, run]) => [type, (job, signal) => run(job, services, signal)] as const),
    ),
    log: log.child({ component: 'worker' }),
    clock,
    concurrency: config.delivery.workerConcurrency,
    leaseMs: config.delivery.jobLeaseSeconds * 1000,
    around: traceJobs(telemetry, clock),
  });
  const server = createHttpServer({
    log,
    processActivity,
    partnerCenter,
    signer,
    services,
    metrics,
    telemetry,
    webhookVerifier: webhookVerifier(config, access, clock),
    purchaseApi: { keys: config.purchases.apiKeys, ratePerMinute: config.purchases.apiRatePerMinute },
    readiness: {
      store: () => store.ping(),
      partnerCenter: async () => (await access.getToken('user')).length > 0,
    },
  });

  return {
    server,
    services,
    sandbox: access.sandbox,
    telemetry,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { port } = server.address();
          const local = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
          if (!config.publicUrlFromEnv) baseUrl = local;
          if (access.sandbox) {
            access.sandbox.world.webhookOptions.defaultTarget =
              config.sandbox.webhookUrl ?? `${local}${PARTNER_CENTER_WEBHOOK_PATH}`;
          }
          // Catch up on relationship events missed while the bot was down, then keep checking.
          void scheduleReconcile(services)
            .then(() => worker.poke())
            .catch((err: unknown) => log.error({ err }, 'could not schedule the relationship reconcile'));
          // Sends a killed process left half-done: settled before any job can retry them. The SQLite
          // store belongs to this one process, so every foreign intent is from a dead one (age 0);
          // on a shared store another instance may be sending right now, so only stale ones count.
          void delivery
            .reconcile(azure ? DEFAULT_STALE_MS : 0)
            .then((n) => n > 0 && log.warn({ settled: n }, 'settled sends cut off by the last shutdown'))
            .catch((err: unknown) => log.error({ err }, 'could not reconcile unfinished sends'))
            .finally(() => {
              worker.start();
              resolve(local);
            });
        });
      }),
    worker,
    close: async () => {
      await coordination.sweeps.stopAll(new Error('shutting down'));
      await worker.stop();
      await shared.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      // Turns that answered Teams early and still run: let them finish before the store closes.
      await processActivity.drain();
      if (!overrides.externalSandbox) await access.sandbox?.close();
      await store.close();
      await telemetry.shutdown();
    },
  };
}
