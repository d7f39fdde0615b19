/**
 * Fan-out benchmark (issue 5): purchase-notice deliveries through the real engine — SQLite job queue
 * and worker, TeamsMessenger on a real CloudAdapter, CustomerDelivery with intent records, one real
 * customer card per notice — in a child process (test/support/delivery-child.ts), against a local
 * Teams-like connector (test/support/teams-connector.ts) that enforces 7 sends/s per conversation
 * and the tenant rate in sliding one-second windows, answers after 30 ms and refuses 1% at random
 * with 429 + Retry-After: 1.
 *
 *   a    one tenant, 3,000 notices (one per conversation) at TEAMS_TENANT_RATE_PER_SECOND = 30
 *   b    2,000 tenants, 10,000 notices (5 per tenant, one conversation each)
 *   kill b's shape with 2,000 notices; SIGKILL when half have arrived, restart, finish
 *
 *   npm run bench -- fanout [--runs a,b,kill] [--scale 0.1]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildConfig } from '../test/support/delivery-child';
import { TeamsConnector } from '../test/support/teams-connector';

// Not strict: `npm run bench -- --customers 2000` passes the portfolio bench's flags here too.
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: 'a,b,kill' },
    scale: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '64' },
  },
  strict: false,
});
const scale = Number(values.scale);
const CHILD = path.join(__dirname, '../test/support/delivery-child.ts');
const RATE = 30;

interface Outcome {
  ms: number;
  reconciled: number;
  maxRssKb: number;
}

function runChild(config: ChildConfig, killWhen?: () => boolean): Promise<Outcome | 'killed'> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--disable-warning=DEP0111', '--import', 'tsx', CHILD, JSON.stringify(config)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const timer = killWhen && setInterval(() => killWhen() && child.kill('SIGKILL'), 5);
    child.on('exit', (code, signal) => {
      if (timer) clearInterval(timer);
      if (signal === 'SIGKILL') return resolve('killed');
      if (code !== 0) return reject(new Error(`child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Outcome);
    });
  });
}

function tally(connector: TeamsConnector, notices: number) {
  const { teams, mail } = connector.stats;
  let lost = 0;
  let duplicated = 0;
  let both = 0;
  for (let i = 0; i < notices; i++) {
    const id = `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const t = teams.get(id) ?? 0;
    const m = mail.get(id) ?? 0;
    if (t + m === 0) lost++;
    if (t > 1 || m > 1) duplicated++;
    if (t > 0 && m > 0) both++;
  }
  return { lost, duplicated, both };
}

/**
 * The sustained rate: accepted sends between the 5th and the 95th percentile of arrivals, so start-up
 * and the last retries (a random 429 near the end waits a second) do not count against the pace.
 */
function paceOf(times: number[]) {
  const from = Math.floor(times.length * 0.05);
  const to = Math.floor(times.length * 0.95);
  const sustained = (to - from) / (((times[to] ?? 0) - (times[from] ?? 0)) / 1000);
  const overall = times.length / (((times.at(-1) ?? 0) - (times[0] ?? 0) || 1) / 1000);
  return {
    achievedPerSecond: Number(sustained.toFixed(2)),
    rateOverLimit: Number((sustained / RATE).toFixed(3)),
    overallPerSecond: Number(overall.toFixed(2)),
  };
}

async function run(
  name: string,
  shape: Pick<ChildConfig, 'tenants' | 'noticesPerTenant' | 'conversationsPerTenant'>,
  kill = false,
) {
  const connector = new TeamsConnector({
    perConversation: 7,
    perTenant: RATE,
    latencyMs: 30,
    random429: 0.01,
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'mca-fanout-'));
  const notices = shape.tenants * shape.noticesPerTenant;
  const config: ChildConfig = {
    ...shape,
    db: path.join(dir, 'bench.db'),
    connector: await connector.start(),
    tenantRate: RATE,
    concurrency: Number(values.concurrency),
    // Shorter than the app default (60 s), so the restarted process soon takes over what the killed one had leased.
    leaseMs: 20_000,
  };
  const started = Date.now();
  let outcome = await runChild(config, kill ? () => connector.stats.accepted >= notices / 2 : undefined);
  let killedAt: number | undefined;
  if (outcome === 'killed') {
    killedAt = connector.stats.accepted;
    outcome = await runChild(config);
  }
  if (outcome === 'killed') throw new Error('killed twice');
  const wall = (Date.now() - started) / 1000;
  const s = connector.stats;
  const span = (s.lastAt - s.firstAt) / 1000;
  const counts = tally(connector, notices);
  const report = {
    run: name,
    notices,
    seconds: Number(wall.toFixed(1)),
    // From the first to the last message accepted by the connector: the delivery phase, without
    // process start-up and seeding.
    deliverySeconds: Number(span.toFixed(1)),
    noticesPerSecond: Math.round(notices / span),
    ...(shape.tenants === 1 ? paceOf(s.acceptedAt) : {}),
    ownBurst429: s.limit429,
    // How many ms too early each tenant-window 429 arrived: the unevenness the margin must absorb.
    ownBurstEarlyMs: s.tenantEarlyMs,
    random429: s.random429,
    peakTenantWindow: s.peakTenantWindow,
    lost: counts.lost,
    duplicatedOnAChannel: counts.duplicated,
    teamsAndEmail: counts.both,
    ...(killedAt === undefined ? {} : { killedAfter: killedAt, reconciledAtRestart: outcome.reconciled }),
    peakRssMb: Math.round(outcome.maxRssKb / 1024),
  };
  console.log(JSON.stringify(report));
  await connector.stop();
  rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const runs = String(values.runs).split(',');
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  if (runs.includes('a'))
    await run('a: 1 tenant', { tenants: 1, noticesPerTenant: n(3000), conversationsPerTenant: n(3000) });
  if (runs.includes('b'))
    await run('b: 2,000 tenants', { tenants: n(2000), noticesPerTenant: 5, conversationsPerTenant: 1 });
  if (runs.includes('kill'))
    await run(
      'kill: SIGKILL + restart',
      { tenants: n(400), noticesPerTenant: 5, conversationsPerTenant: 1 },
      true,
    );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
