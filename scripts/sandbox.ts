/**
 * `npm run sandbox`: the Partner Center and Graph emulator alone, for several bot instances in
 * sandbox mode (each started with SANDBOX_URL=<the address printed here>), so they all see one
 * Partner Center. Reads SANDBOX_PORT (default 3979), SANDBOX_LATENCY_MS, SANDBOX_CONTROL,
 * SANDBOX_WEBHOOK_URL (where unregistered webhooks go) and SANDBOX_WEBHOOK_CERT_DIR (default
 * .data/sandbox-webhook: the instances read the webhook CA from the same folder).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { isAppError } from '../src/core/errors';
import { createLogger } from '../src/core/logger';
import { startSandbox } from '../src/sandbox';

async function main(): Promise<void> {
  if (existsSync('.env')) {
    const before = { ...process.env };
    process.loadEnvFile('.env');
    Object.assign(process.env, before);
  }
  const config = loadConfig({ ...process.env, PARTNER_CENTER_MODE: 'sandbox' });
  const certDir = config.sandbox.webhookCertDir ?? path.join(config.dataDir, 'sandbox-webhook');
  const sandbox = await startSandbox({
    port: config.sandbox.port || 3979,
    latencyMs: config.sandbox.latencyMs,
    control: config.sandbox.control,
    webhookCertDir: certDir,
    // Restarts lose nothing: customers, acceptance links, GDAP, orders and mail (src/sandbox/persistence.ts).
    stateFile: path.join(config.dataDir, 'sandbox-state.json'),
    log: createLogger({ level: config.logLevel }).child({ component: 'sandbox' }),
  });
  // The CA files exist before any instance needs them to verify a webhook.
  void sandbox.world.webhooks.material;
  if (config.sandbox.webhookUrl) sandbox.world.webhookOptions.defaultTarget = config.sandbox.webhookUrl;
  console.log(
    [
      '',
      `  Partner Center emulator listening at ${sandbox.url}`,
      `  Start each bot instance with:  SANDBOX_URL=${sandbox.url} SANDBOX_WEBHOOK_CERT_DIR=${certDir}`,
      '',
    ].join('\n'),
  );
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(isAppError(err) ? err.message : err);
  process.exit(1);
});
