import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Server } from 'restify';
import type { AppConfig } from './config';
import { systemClock, type Clock } from './core/clock';
import type { Services } from './core/context';
import type { Logger } from './core/logger';
import { Router } from './core/router';
import { createSigner } from './core/signing';
import { registerHelp } from './features/help';
import { registerStatus } from './features/status';
import { createLinks } from './http/links';
import { createHttpServer } from './http/server';
import {
  createAppOnlyTokenProvider,
  createAppUserTokenProvider,
  createPartnerCenterClient,
  createStaticTokenGetter,
  createTokenGetter,
  type GetToken,
} from './partner-center';
import { startSandbox, type Sandbox } from './sandbox';
import { SANDBOX_APP_TOKEN, SANDBOX_USER_TOKEN } from './sandbox/constants';
import { openSqliteStore } from './store/sqlite';
import { Worker } from './jobs/worker';
import { createAdapter, McaBot, messageProcessor, TeamsMessenger } from './teams';

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
}

/** Every feature registers its commands and verbs here. */
export function createRouter(): Router {
  const router = new Router();
  registerStatus(router);
  registerHelp(router);
  return router;
}

/** Sandbox: a generated secret kept in DATA_DIR so signed links survive restarts. Live: config requires one. */
function signingSecret(config: AppConfig): string {
  if (config.signingSecret) return config.signingSecret;
  const file = path.join(config.dataDir, 'signing-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(48).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

async function partnerCenterAccess(
  config: AppConfig,
  log: Logger,
): Promise<{ baseUrl: string; getToken: GetToken; sandbox?: Sandbox }> {
  if (config.mode === 'sandbox') {
    const sandbox = await startSandbox({
      port: config.sandbox.port,
      latencyMs: config.sandbox.latencyMs,
      control: config.sandbox.control,
      log: log.child({ component: 'sandbox' }),
    });
    return {
      baseUrl: sandbox.url,
      getToken: createStaticTokenGetter({ app: SANDBOX_APP_TOKEN, user: SANDBOX_USER_TOKEN }),
      sandbox,
    };
  }
  const pc = config.partnerCenter;
  const common = {
    tenantId: config.partner.tenantId,
    clientId: pc.clientId ?? '',
    clientSecret: pc.clientSecret ?? '',
  };
  return {
    baseUrl: pc.baseUrl,
    getToken: createTokenGetter({
      app: createAppOnlyTokenProvider(common),
      user: createAppUserTokenProvider({ ...common, refreshToken: pc.refreshToken ?? '' }),
    }),
  };
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
  const store = openSqliteStore({ file: path.join(config.dataDir, 'mca-assist.db'), clock });
  const access = await partnerCenterAccess(config, log);
  const partnerCenter = createPartnerCenterClient({
    baseUrl: access.baseUrl,
    getToken: access.getToken,
    fetch: overrides.fetch,
    log: log.child({ component: 'partner-center' }),
    timeoutMs: config.partnerCenter.timeoutMs,
    retry: { maxAttempts: config.partnerCenter.maxAttempts },
    clock,
  });
  const signer = createSigner(signingSecret(config));
  let baseUrl = config.publicUrl;
  const adapter = createAdapter(config, log);
  const services: Services = {
    partnerCenter,
    store,
    clock,
    log,
    partner: config.partner,
    links: createLinks(() => baseUrl, signer),
    messenger: new TeamsMessenger({
      adapter,
      appId: config.bot.appId ?? '',
      conversations: store.conversations,
      log: log.child({ component: 'messenger' }),
    }),
  };

  const router = createRouter();
  const bot = new McaBot(router, services);
  const worker = new Worker({
    jobs: store.jobs,
    handlers: Object.fromEntries(
      [...router.jobs()].map(([type, run]) => [type, (job, signal) => run(job, services, signal)] as const),
    ),
    log: log.child({ component: 'worker' }),
    clock,
  });
  const server = createHttpServer({
    log,
    processActivity: messageProcessor(adapter, bot),
    partnerCenter,
    signer,
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
          worker.start();
          resolve(local);
        });
      }),
    worker,
    close: async () => {
      await worker.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      await access.sandbox?.close();
      await store.close();
    },
  };
}
