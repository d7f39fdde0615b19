// First, before anything else loads: the V8 code cache for every module after it (core/compile-cache).
import './core/use-compile-cache';
import { existsSync } from 'node:fs';
import { createApp } from './app';
import { loadConfig } from './config';
import { isAppError } from './core/errors';
import { createLogger } from './core/logger';

/** Process entry: config → wiring → listen → graceful shutdown. */
async function main(): Promise<void> {
  // A local .env (see .env.sample) is read if present; real environment variables win.
  if (existsSync('.env')) loadDotEnv('.env');
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    // Configuration problems are for a person at a terminal: print them plainly, no JSON, no stack.
    console.error(isAppError(err) ? err.message : err);
    process.exit(1);
  }
  const log = createLogger({ level: config.logLevel });
  const app = await createApp(config, log);
  const url = await app.listen();
  // Ready first; the metrics SDK is loaded right after (what is recorded until then is kept for it;
  // /metrics waits for it). Cards are compiled templates (cards/compiled-template.ts): the templating
  // engine is loaded only if a card ever needs it.
  setImmediate(() => {
    app.telemetry.load().catch((err: unknown) => log.error({ err }, 'could not load the metrics SDK'));
  });
  log.info(
    {
      mode: config.mode,
      url,
      partnerCenter: app.sandbox?.url ?? config.sandbox.url ?? config.partnerCenter.baseUrl,
    },
    'MCA Assist is listening',
  );
  if (config.mode === 'sandbox') {
    console.log(
      [
        '',
        `  MCA Assist is running in sandbox mode (demo Partner Center at ${app.sandbox?.url ?? config.sandbox.url ?? '?'}).`,
        `  Bot endpoint:  ${url}/api/messages`,
        '  Talk to it:    npm run playground   (opens the Microsoft 365 Agents Playground)',
        '  Then type:     help   or   status contoso',
        '',
      ].join('\n'),
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
}

function loadDotEnv(file: string): void {
  const before = { ...process.env };
  process.loadEnvFile(file);
  Object.assign(process.env, before);
}

main().catch((err: unknown) => {
  console.error(isAppError(err) ? err.message : err);
  process.exit(1);
});
