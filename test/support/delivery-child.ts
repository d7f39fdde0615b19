/**
 * The delivery engine as its own process, for the fan-out benchmark (bench/fanout.ts) and the
 * kill-and-restart test: SQLite store + job worker + TeamsMessenger on a real CloudAdapter +
 * CustomerDelivery (intent records, Teams → e-mail fallback), sending one real customer card per
 * notice to a Teams-like connector. Seeds its jobs on first start; on restart it reconciles what the
 * killed process left half-sent, then carries on. Prints one JSON line when every job is done.
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
import { openSqliteStore } from '../../src/store/sqlite';

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
}

const JOB = 'bench.notice';
const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const log = createLogger({ level: process.env.CHILD_LOG ?? 'warn' });
const store = openSqliteStore({ file: config.db });
const tenantId = (t: number) => `00000000-0000-4000-8000-${String(t).padStart(12, '0')}`;
const conversationId = (t: number, c: number) => `a:bench-${t}-${c}`;

async function seed(): Promise<void> {
  const counts = await store.jobs.counts();
  if (counts.pending + counts.done + counts.dead > 0) return;
  const now = new Date().toISOString();
  for (let t = 0; t < config.tenants; t++) {
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
  }
  for (let i = 0; i < config.tenants * config.noticesPerTenant; i++) {
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
  }
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
  await seed();
  const adapter = createAdapter({ bot: { appType: 'MultiTenant' } } as AppConfig, log);
  const messenger = new TeamsMessenger({
    adapter,
    appId: '',
    conversations: store.conversations,
    log,
    perTenantPerSecond: config.tenantRate,
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
  });
  const reconciled = await delivery.reconcile(0);
  const worker = new Worker({
    jobs: store.jobs,
    log,
    concurrency: config.concurrency,
    leaseMs: config.leaseMs,
    pollMs: 50,
    handlers: {
      [JOB]: async (job) => {
        const p = job.payload as { tenantId: string; conversationId: string; noticeId: string };
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
      },
    },
  });
  const started = Date.now();
  worker.start();
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const counts = await store.jobs.counts();
    if (counts.pending === 0) break;
  }
  await worker.stop();
  const usage = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({ ms: Date.now() - started, reconciled, counts: await store.jobs.counts(), maxRssKb: usage.maxRSS })}\n`,
  );
  await store.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
