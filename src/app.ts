import { mkdirSync } from 'node:fs';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Server } from 'restify';
import type { AppConfig } from './config';
import { systemClock, type Clock } from './core/clock';
import type { Services } from './core/context';
import type { Logger } from './core/logger';
import { Router } from './core/router';
import { createSigner } from './core/signing';
import { registerAcceptance } from './features/acceptance';
import { registerCustomers } from './features/customers';
import { registerGdapAccess } from './features/gdap-access';
import { registerCompose } from './features/compose';
import { registerHelp } from './features/help';
import { registerHistory } from './features/history';
import { registerDemoOrders, registerPurchases } from './features/purchases';
import { dryRunMailSender, dryRunMessenger, dryRunReleaseSender } from './delivery/dry-run';
import { createReleaseSender } from './delivery/release-sender';
import { registerPortfolio } from './features/portfolio';
import { coordinationFor } from './wiring/coordination';
import { registerRelationships, scheduleReconcile } from './features/relationships';
import { createCustomerDelivery } from './delivery/customer-delivery';
import { createGraphHttp, createMailSender } from './graph';
import { createGdapClient } from './graph/gdap';
import { createGdapAccessClient } from './graph/gdap-access';
import { createMetrics } from './core/metrics';
import { appTelemetry, countDeliveries, traceJobs, traceTurns } from './wiring/telemetry';
import { PARTNER_CENTER_WEBHOOK_PATH } from './http/webhooks';
import { registerStatus } from './features/status';
import { createLinks } from './http/links';
import { createHttpServer } from './http/server';
import { createPartnerCenterClient } from './partner-center';
import type { Sandbox } from './sandbox';
import { partnerCenterAccess } from './wiring/partner-center-access';
import { signingSecret } from './wiring/signing-secret';
import { webhookVerifier } from './wiring/webhook-verifier';
import { GDAP_APPROVAL_PATH } from './sandbox/consent-pages';
import { openStore } from './wiring/store';
import { DEFAULT_STALE_MS } from './delivery/once';
import { partnerCenterLimiter } from './jobs/partner-center-limiter';
import { Worker } from './jobs/worker';
import {
  activityProcessor,
  channelAuthentication,
  channelAuthenticator,
  createAdapter,
  McaBot,
  TeamsMessenger,
} from './teams';
import { ActivityLedger } from './teams/activity-ledger';

export interface App {
  server: Server;
  services: Services;
  /** The embedded Partner Center emulator, in sandbox mode. */
  sandbox?: Sandbox;
  worker: Worker;
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

/** Every feature registers its commands and verbs here. */
export function createRouter(config?: AppConfig): Router {
  const router = new Router();
  registerStatus(router);
  registerCompose(router);
  registerAcceptance(router, { watchDays: config?.acceptance.watchDays });
  registerCustomers(router);
  registerPortfolio(router);
  registerRelationships(router);
  registerGdapAccess(router);
  registerHistory(router);
  // Demo orders go to the emulator's order endpoint; live, orders come from the partner's own systems.
  if (config?.mode === 'sandbox') registerDemoOrders(router);
  registerPurchases(router);
  registerHelp(router);
  return router;
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
  // Locks, single-flight and rate budgets: in process for one instance, shared for several.
  const shared = coordinationFor(azure, log);
  await shared.start();
  const access = await partnerCenterAccess(config, log, overrides.externalSandbox, {
    records: store.records,
    clock,
  });
  const telemetry = await appTelemetry(config, log, store, overrides.spanExporter);
  const graph = { ...access.graph, observer: telemetry };
  const partnerCenter = createPartnerCenterClient({
    baseUrl: access.baseUrl,
    getToken: access.getToken,
    fetch: overrides.fetch,
    log: log.child({ component: 'partner-center' }),
    timeoutMs: config.partnerCenter.timeoutMs,
    retry: { maxAttempts: config.partnerCenter.maxAttempts },
    clock,
    sleep: overrides.sleep,
    // The limiter must measure time on the clock it sleeps on: a test's frozen clock would stall it.
    limiter: partnerCenterLimiter(
      config.partnerCenter.rateLimitPerMinute,
      overrides.sleep ? clock : systemClock,
      overrides.sleep,
      shared.share,
    ),
    acceptanceLinkBase: access.acceptanceLinkBase,
    observer: telemetry,
  });
  const signer = createSigner(signingSecret(config));
  let baseUrl = config.publicUrl;
  for (const warning of config.warnings) log.warn(warning);
  const metrics = createMetrics((name, labels, by) => telemetry.count(name, labels, by));
  const channelAuth = channelAuthentication(config);
  const adapter = createAdapter(config, log, channelAuth);
  const dryRun = config.delivery.dryRun;
  const messenger = dryRun
    ? dryRunMessenger(log.child({ component: 'messenger' }))
    : new TeamsMessenger({
        adapter,
        appId: config.bot.appId ?? '',
        conversations: store.conversations,
        log: log.child({ component: 'messenger' }),
        perTenantPerSecond: config.delivery.tenantRatePerSecond,
        share: shared.share,
        sleep: overrides.sleep,
      });
  const mailLog = log.child({ component: 'mail' });
  const mailSender = !config.mail.from
    ? undefined
    : dryRun
      ? dryRunMailSender(mailLog)
      : createMailSender({ ...graph, fetch: overrides.fetch, log: mailLog });
  const delivery = createCustomerDelivery({
    store,
    messenger,
    clock,
    log: log.child({ component: 'delivery' }),
    mail: mailSender && config.mail.from ? { sender: mailSender, from: config.mail.from } : undefined,
    partnerTenantId: config.partner.tenantId,
  });
  const { releaseUrl, releaseSecret } = config.purchases;
  const release = !releaseUrl
    ? undefined
    : dryRun
      ? dryRunReleaseSender(log.child({ component: 'release' }))
      : createReleaseSender({ url: releaseUrl, secret: releaseSecret ?? '', clock, fetch: overrides.fetch });
  const router = createRouter(config);
  const coordination = shared.coordination;
  const services: Services = {
    coordination,
    hooks: router.hooks,
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
    gdap: createGdapClient(
      createGraphHttp({ ...graph, fetch: overrides.fetch, log: log.child({ component: 'gdap' }) }),
      {
        approvalLinkBase: access.sandboxUrl && `${access.sandboxUrl}${GDAP_APPROVAL_PATH}`,
      },
    ),
    gdapAccess: createGdapAccessClient(
      createGraphHttp({
        ...access.graph,
        fetch: overrides.fetch,
        log: log.child({ component: 'gdap-access' }),
      }),
    ),
    relationships: {
      inviteDap: config.relationships.inviteDap,
      notifyConversation: config.relationships.notifyConversation,
      webhookUrl: () => `${baseUrl}${PARTNER_CENTER_WEBHOOK_PATH}`,
      reconcileMinutes: config.relationships.reconcileMinutes,
      defaultGroups: config.relationships.defaultGroups,
    },
  };

  const bot = new McaBot(router, services, { stillCheckingMs: config.bot.stillCheckingMs });
  const processActivity = traceTurns(
    activityProcessor({
      adapter,
      bot,
      log,
      authenticate: channelAuthenticator({
        auth: channelAuth,
        log: log.child({ component: 'channel-auth' }),
        refused: metrics.counter(
          'channel_auth_refused_total',
          'Requests to /api/messages refused by authentication, by reason',
        ),
      }),
      answerMs: config.bot.answerMs,
      ledger: new ActivityLedger(store.cache, clock),
      retried: metrics.counter(
        'activities_retried_total',
        'Activities Teams sent again (same id), answered without running them twice',
      ),
    }),
    telemetry,
  );
  const worker = new Worker({
    jobs: store.jobs,
    handlers: Object.fromEntries(
      [...router.jobs()].map(([type, run]) => [type, (job, signal) => run(job, services, signal)] as const),
    ),
    log: log.child({ component: 'worker' }),
    clock,
    concurrency: config.delivery.workerConcurrency,
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
