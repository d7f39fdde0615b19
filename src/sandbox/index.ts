import type { Clock } from '../core/clock';
import { silentLogger, type Logger } from '../core/logger';
import { DEMO_CUSTOMERS } from './seed';
import { readWorldState, restoreWorld, worldSaver } from './persistence';
import { listen } from './server';
import type { SandboxCustomer } from './types';
import { SandboxWorld } from './world';

export interface SandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default DEMO_CUSTOMERS; the sandbox works on copies. */
  customers?: readonly SandboxCustomer[];
  /** Mounts the unauthenticated /_control API; default false. */
  control?: boolean;
  /** Added before every answer. */
  latencyMs?: number;
  /** Per partner tenant, all /v1 requests; default 0 = off. */
  rateLimitPerMinute?: number;
  /** Per customer tenant id on /v1/customers/{id}…; default 500 as documented. */
  customerRateLimitPerMinute?: number;
  /** Answer 400 when MS-RequestId or MS-CorrelationId is missing (Partner Center itself tolerates it). */
  requireRequestHeaders?: boolean;
  /** Time source for rate-limit windows and link expiry; tests move it. */
  clock?: Clock;
  /** SANDBOX_REFRESH_TOKEN_DAYS: how long an emulated refresh token works (default 90). */
  refreshTokenDays?: number;
  log?: Logger;
  /** Folder with the webhook signing CA, certificate and key (ca.pem, cert.pem, key.pem); generated when missing. Default: in memory. */
  webhookCertDir?: string;
  /**
   * JSON file the emulator keeps its state in across restarts (customers, acceptance links, GDAP,
   * orders, mail) and the port it listened on, reused when `port` is 0. Default: memory only.
   */
  stateFile?: string;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:41234, no trailing slash. */
  url: string;
  world: SandboxWorld;
  close(): Promise<void>;
}

/**
 * Starts an in-process Partner Center emulator on plain node:http.
 *
 * @example
 * const sandbox = await startSandbox({ control: true });
 * const res = await fetch(`${sandbox.url}/v1/customers?size=10`, {
 *   headers: { Authorization: `Bearer ${SANDBOX_APP_TOKEN}` },
 * });
 * sandbox.world.setDirectlySigned(id, true);
 * await sandbox.close();
 *
 * Besides /v1 it serves the acceptance page (`/mca/?attestationid=…`), a Graph sendMail stand-in
 * (`/graph/v1.0/users/{mailbox}/sendMail`, token SANDBOX_GRAPH_TOKEN) and its outbox (`/sandbox/outbox`).
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const world = new SandboxWorld({
    customers: [...(options.customers ?? DEMO_CUSTOMERS)],
    clock: options.clock,
    refreshTokenDays: options.refreshTokenDays,
    latencyMs: options.latencyMs,
    rateLimitPerMinute: options.rateLimitPerMinute,
    customerRateLimitPerMinute: options.customerRateLimitPerMinute,
  });
  world.webhookOptions = { certDir: options.webhookCertDir, log: options.log };
  const log = options.log ?? silentLogger();
  const state = options.stateFile ? readWorldState(options.stateFile, log) : undefined;
  if (state) restoreWorld(world, state);
  let saver: ReturnType<typeof worldSaver> | undefined;
  const serverOptions = {
    host: options.host ?? '127.0.0.1',
    control: options.control ?? false,
    requireRequestHeaders: options.requireRequestHeaders ?? false,
    log,
    onChange: () => saver?.changed(),
  };
  const wanted = options.port ?? 0;
  let server;
  try {
    // The port of the last run, so acceptance links already sent keep working.
    server = await listen(world, { ...serverOptions, port: wanted || state?.port || 0 });
  } catch (err) {
    if (wanted || !state?.port) throw err;
    log.warn(
      { port: state.port },
      'the sandbox port of the last run is taken; links sent before will not open',
    );
    server = await listen(world, { ...serverOptions, port: 0 });
  }
  if (options.stateFile) {
    saver = worldSaver(world, options.stateFile, Number(new URL(server.url).port), log);
    saver.flush();
  }
  const running = server;
  return {
    url: running.url,
    world,
    close: async () => {
      await running.close();
      saver?.flush();
    },
  };
}

export { SandboxWorld } from './world';
export { DEMO_CUSTOMERS, expectedScenario } from './seed';
export { generateCustomers } from './generate';
export { buildCustomer, type CustomerSpec } from './build';
export { scenarioOf } from './scenario';
export { SCENARIOS } from './types';
export type { SandboxAttestation, SandboxAttestationStatus } from './attestation-store';
export { SANDBOX_ROLES } from './roles';
export type { SandboxRoleMember } from './roles';
export type { SentMail } from './outbox';
export type { SandboxGdapRelationship, SandboxGdapStatus } from './gdap';
export type { WebhookDelivery } from './webhook-sender';
export type { WebhookSigningMaterial } from './webhook-signing';
export type { Fault, RequestLogEntry, SandboxCustomer, SandboxStats, Scenario } from './types';
export * from './constants';
