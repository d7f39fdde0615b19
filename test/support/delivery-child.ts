/**
 * The delivery engine as its own process, for the fan-out benchmark (bench/fanout.ts) and the
 * kill-and-restart test: SQLite store (or Azure Table storage, shared by several such processes) +
 * job worker + TeamsMessenger on a real CloudAdapter + CustomerDelivery (intent records, Teams →
 * e-mail fallback), sending one real customer card per notice to a Teams-like connector. Seeds its
 * jobs on first start; on restart it reconciles what the killed process left half-sent, then
 * carries on. Prints one JSON line when every job is done. On Azure it joins the other processes
 * as the app does (src/wiring/coordination.ts): membership, 1/N of the tenant rate, shared intents.
 *
 *   node --import tsx test/support/delivery-child.ts '<json ChildConfig>'
 */
import { createAdapter } from '../../src/teams/adapter';
import { TeamsMessenger } from '../../src/teams/messenger';
import type { AppConfig } from '../../src/config';
import type { Services } from '../../src/core/context';
import { createLogger } from '../../src/core/logger';
import { createSigner } from '../../src/core/signing';
import { createCustomerDelivery } from '../../src/delivery/customer-delivery';
import { renderCustomerCard } from '../../src/features/acceptance/customer-card';
import type { AcceptanceRequest } from '../../src/features/acceptance/request-store';
import { Worker } from '../../src/jobs/worker';
import { DEFAULT_STALE_MS } from '../../src/delivery/once';
import { openAzureStore, type AzureStore } from '../../src/store/azure';
import { openSqliteStore } from '../../src/store/sqlite';
import type { Store } from '../../src/store/types';
import { coordinationFor } from '../../src/wiring/coordination';

export interface ChildConfig {
  db: string;
  connector: string;
  tenants: number;
  noticesPerTenant: number;
  /** Conversations per tenant; notices go round-robin over them. */
  conversationsPerTenant: number;
  tenantRate: number;
  concurrency: number;
  leaseMs: number;
  /** Azure Table storage (Azurite) instead of the SQLite file `db`. */
  azure?: { connectionString: string; prefix: string };
  /** false: another process seeded the jobs (default true). */
  seed?: boolean;
  /** Only seed the jobs, print `{ seeded }` and exit (the benchmark seeds before it starts the clock). */
  seedOnly?: boolean;
}

const JOB = 'bench.notice';
interface NoticePayload {
  tenantId: string;
  conversationId: string;
  noticeId: string;
}
const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const log = createLogger({ level: process.env.CHILD_LOG ?? 'warn' });
let azure: AzureStore | undefined;
let store: Store;
const tenantId = (t: number) => `00000000-0000-4000-8000-${String(t).padStart(12, '0')}`;
const conversationId = (t: number, c: number) => `a:bench-${t}-${c}`;

/** Runs `task` for 0 … n-1, `width` at a time (Table storage answers each write over HTTP). */
async function each(n: number, width: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

async function seed(): Promise<void> {
  if ((await store.jobs.list({ type: JOB, limit: 1 })).length > 0) return;
  const now = new Date().toISOString();
  const width = azure ? 32 : 1;
  await each(config.tenants, width, async (t) => {
    for (let c = 0; c < config.conversationsPerTenant; c++) {
      const conversation = { id: conversationId(t, c), tenantId: tenantId(t), conversationType: 'personal' };
      await store.conversations.save({
        tenantId: tenantId(t),
        conversationId: conversation.id,
        kind: 'customer',
        conversationType: 'personal',
        locale: 'en-US',
        serviceUrl: config.connector,
        reference: {
          channelId: 'msteams',
          serviceUrl: config.connector,
          conversation,
          bot: { id: '28:mca-assist-bot' },
          user: { id: `29:user-${t}-${c}` },
        },
        updatedAt: now,
      });
    }
  });
  await each(config.tenants * config.noticesPerTenant, width, async (i) => {
    const t = i % config.tenants;
    const c = Math.floor(i / config.tenants) % config.conversationsPerTenant;
    const noticeId = `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    await store.jobs.enqueue({
      type: JOB,
      payload: { tenantId: tenantId(t), conversationId: conversationId(t, c), noticeId },
      runAt: new Date(),
      idempotencyKey: `${JOB}:${noticeId}`,
      maxAttempts: 5,
    });
  });
}

/** Jobs of this process running now, and when the last one ended. */
let running = 0;
let lastEnded = 0;

/**
 * True once no job is pending. Asked only when this process has had nothing to run for a while:
 * counting the pending jobs reads every pending one (their due entities on Table storage), which
 * at the start of a 10,000-notice run is 10,000 entities a second for nothing.
 */
async function finished(): Promise<boolean> {
  if (running > 0 || Date.now() - lastEnded < 1000) return false;
  return (await store.jobs.pendingCount()) === 0;
}

const services = {
  partner: { tenantId: 'bench', name: 'Fabrikam Cloud Solutions' },
  signer: createSigner('bench-signing-secret-of-at-least-32-chars'),
  links: {
    agreementDocument: (c: string, l: string) => `https://bot.example.com/doc?country=${c}&language=${l}`,
  },
} as unknown as Services;

const request: Omit<AcceptanceRequest, 'id' | 'customerTenantId'> = {
  companyName: 'Northwind Traders',
  country: 'US',
  language: 'en-US',
  customerLocale: 'en-US',
  signatory: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
  state: 'sent',
  acceptanceUrl: 'https://example.com/mca/?attestationid=bench',
  requestedBy: { aadObjectId: '', tenantId: 'bench' },
  partnerConversation: { tenantId: 'bench', conversationId: '' },
  partnerLocale: 'en-US',
  createdAt: new Date().toISOString(),
  purchase: { offerName: 'Microsoft 365 E3', quantity: 25 },
};

async function main(): Promise<void> {
  const target = config.azure && { connectionString: config.azure.connectionString };
  azure = target && (await openAzureStore({ target, prefix: config.azure!.prefix }));
  store = azure ?? openSqliteStore({ file: config.db });
  if (config.seed !== false) await seed();
  if (config.seedOnly) {
    process.stdout.write(`${JSON.stringify({ seeded: config.tenants * config.noticesPerTenant })}\n`);
    await store.close();
    return;
  }
  const shared = await coordinationFor(azure, log);
  await shared.start();
  const adapter = createAdapter({ bot: { appType: 'MultiTenant' } } as AppConfig, log);
  const messenger = new TeamsMessenger({
    adapter,
    appId: '',
    conversations: store.conversations,
    log,
    perTenantPerSecond: config.tenantRate,
    share: shared.share,
  });
  const sendMail = async (mail: { subject: string }) => {
    const res = await fetch(`${config.connector}mail`, {
      method: 'POST',
      body: JSON.stringify({ key: mail.subject }),
    });
    if (!res.ok) throw new Error(`mail ${res.status}`);
  };
  const delivery = createCustomerDelivery({
    store,
    messenger,
    clock: { now: () => new Date() },
    log,
    mail: { sender: { sendMail }, from: 'bench@example.com' },
    instance: shared.instance,
  });
  // As the app does: on a shared store, only intents of instances that are gone (or stale ones).
  const reconciled = await delivery.reconcile(azure ? DEFAULT_STALE_MS : 0);
  const deliverNotice = async (p: NoticePayload) => {
    const r: AcceptanceRequest = { ...request, id: p.noticeId, customerTenantId: p.tenantId };
    await delivery.deliver({
      customerTenantId: p.tenantId,
      card: renderCustomerCard(r, services),
      // The subject carries the notice id so the connector can count e-mails per notice.
      email: { subject: p.noticeId, html: '<p>on hold</p>', text: 'on hold' },
      emailTo: 'ada@example.com',
      idempotencyKey: `bench:${p.noticeId}`,
      preferConversationId: p.conversationId,
    });
  };
  const worker = new Worker({
    jobs: store.jobs,
    log,
    concurrency: config.concurrency,
    leaseMs: config.leaseMs,
    // Table storage: the app's idle poll (each poll is 4 billed queries); SQLite polls are free.
    pollMs: azure ? 500 : 50,
    handlers: {
      [JOB]: async (job) => {
        running++;
        try {
          await deliverNotice(job.payload as NoticePayload);
        } finally {
          running--;
          lastEnded = Date.now();
        }
      },
    },
  });
  const started = Date.now();
  const stopSnapshots = azure && process.env.CHILD_TIMINGS ? snapshots(azure) : undefined;
  worker.start();
  for (;;) {
    await new Promise((r) => setTimeout(r, azure ? 1000 : 200));
    if (await finished()) break;
  }
  await worker.stop();
  await shared.stop();
  stopSnapshots?.();
  const usage = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({ ms: Date.now() - started, reconciled, counts: await store.jobs.counts(), maxRssKb: usage.maxRSS, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, ...(azure && { tableRequests: azure.requests, tableTimings: azure.timings }) })}\n`,
  );
  await store.close();
}

/**
 * CHILD_TIMINGS=1: every 10 s, one line on stderr with the Table requests of those 10 s per kind
 * (count and mean milliseconds) and this process's CPU seconds, to see what slows as tables grow.
 */
function snapshots(azure: AzureStore): () => void {
  let last: Record<string, { n: number; ms: number }> = {};
  let cpu = process.cpuUsage();
  const begun = Date.now();
  const timer = setInterval(() => {
    const now = structuredClone(azure.timings);
    const kinds: Record<string, [number, number]> = {};
    for (const [key, t] of Object.entries(now)) {
      const n = t.n - (last[key]?.n ?? 0);
      if (n > 0) kinds[key] = [n, Number(((t.ms - (last[key]?.ms ?? 0)) / n).toFixed(1))];
    }
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    last = now;
    const at = Math.round((Date.now() - begun) / 1000);
    process.stderr.write(`${JSON.stringify({ at, cpu: (used.user + used.system) / 1e6, kinds })}\n`);
  }, 10_000);
  return () => clearInterval(timer);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
