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
 *   two  b on the azure store, one engine process vs two on the same Azurite (issue 10)
 *
 * a, b and kill run on each store of --stores (sqlite: the SQLite file; azure: Azure Table storage
 * on Azurite, started here). On azure the jobs are seeded by a process of their own before the clock
 * starts, so the figures compare delivery, not seeding.
 *
 *   npm run bench -- fanout [--runs a,b,kill,two] [--stores sqlite,azure] [--scale 0.1]
 *                           [--tenants 2000] [--quick] [--trace]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startAzurite, type Azurite } from '../test/support/azurite';
import type { ChildConfig } from '../test/support/delivery-child';
import { TeamsConnector } from '../test/support/teams-connector';

// Not strict: `npm run bench -- --customers 2000` passes the portfolio bench's flags here too.
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: 'a,b,kill,two' },
    stores: { type: 'string', default: 'sqlite,azure' },
    scale: { type: 'string' },
    /** Tenants of b and two (default 2,000 × scale). */
    tenants: { type: 'string' },
    concurrency: { type: 'string', default: '64' },
    /** The whole suite's quick variant: a tenth of every size. */
    quick: { type: 'boolean', default: false },
    /** Every 10 s, a line on stderr: notices accepted, CPU seconds of each engine and of Azurite. */
    trace: { type: 'boolean', default: false },
  },
  strict: false,
});
const scale = Number(values.scale ?? (values.quick ? 0.1 : 1));
const stores = String(values.stores).split(',') as StoreKind[];
type StoreKind = 'sqlite' | 'azure';
let azurite: Azurite | undefined;
let prefixes = 0;
const CHILD = path.join(__dirname, '../test/support/delivery-child.ts');
/** Engine processes running now (for --trace). */
const engines = new Set<number>();
const RATE = 30;

interface Outcome {
  ms: number;
  reconciled: number;
  maxRssKb: number;
  /** CPU time of the engine process (user + system). */
  cpuSeconds?: number;
  /** Azure: storage requests (billed Table transactions) per table, sent by that process. */
  tableRequests?: Record<string, number>;
  /** Azure: per `<table> <kind>`, requests and their summed milliseconds. */
  tableTimings?: Record<string, { n: number; ms: number }>;
}

/** CPU seconds (user + system) a process has used so far, from /proc (0 where there is none). */
function cpuOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** --trace: every 10 s, notices accepted and CPU seconds per process in those 10 s, on stderr. */
function trace(connector: TeamsConnector, started: number): () => void {
  const cpu = new Map<number, number>();
  let accepted = connector.stats.accepted;
  const timer = setInterval(() => {
    const used = (pid: number | undefined) => {
      const now = cpuOf(pid);
      const delta = now - (cpu.get(pid ?? 0) ?? now);
      cpu.set(pid ?? 0, now);
      return Number(delta.toFixed(2));
    };
    const line = {
      at: Math.round((Date.now() - started) / 1000),
      accepted: connector.stats.accepted - accepted,
      // `connector`: this process, which plays Teams and the mail service.
      cpu: { engines: [...engines].map(used), azurite: used(azurite?.pid), connector: used(process.pid) },
      load: Number(loadavg()[0]!.toFixed(2)),
    };
    accepted = connector.stats.accepted;
    process.stderr.write(`${JSON.stringify(line)}\n`);
  }, 10_000);
  return () => clearInterval(timer);
}

/** Mean milliseconds per Table request kind, over every engine process (the slow kinds first). */
function meanMs(outcomes: (Outcome | 'killed')[]): Record<string, number> {
  const sum: Record<string, { n: number; ms: number }> = {};
  for (const o of outcomes) {
    if (o === 'killed') continue;
    for (const [key, t] of Object.entries(o.tableTimings ?? {})) {
      const s = (sum[key] ??= { n: 0, ms: 0 });
      s.n += t.n;
      s.ms += t.ms;
    }
  }
  return Object.fromEntries(
    Object.entries(sum)
      .filter(([, t]) => t.n >= 10)
      .map(([key, t]) => [key, Number((t.ms / t.n).toFixed(1))] as const)
      .sort((a, b) => b[1] - a[1]),
  );
}

function runChild(config: ChildConfig, killWhen?: () => boolean): Promise<Outcome | 'killed'> {
  return runChildOnce(config, killWhen) as Promise<Outcome | 'killed'>;
}

function runChildOnce(config: ChildConfig, killWhen?: () => boolean): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--disable-warning=DEP0111', '--import', 'tsx', CHILD, JSON.stringify(config)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    if (child.pid) engines.add(child.pid);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const timer = killWhen && setInterval(() => killWhen() && child.kill('SIGKILL'), 5);
    child.on('exit', (code, signal) => {
      if (child.pid) engines.delete(child.pid);
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
  // How long a full lane takes to come round: from one accepted send to the one RATE sends later
  // (≈ 1 s + the round trip + our own delay in reusing a freed permit).
  const cycles = [];
  for (let i = from; i + RATE < to; i++) cycles.push(times[i + RATE]! - times[i]!);
  cycles.sort((x, y) => x - y);
  return {
    achievedPerSecond: Number(sustained.toFixed(2)),
    cycleMsP50: cycles[Math.floor(cycles.length / 2)],
    cycleMsP90: cycles[Math.floor(cycles.length * 0.9)],
    rateOverLimit: Number((sustained / RATE).toFixed(3)),
    overallPerSecond: Number(overall.toFixed(2)),
  };
}

/** Table transactions per notice, summed over the engine processes, by table. */
function perNotice(outcomes: (Outcome | 'killed')[], notices: number): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const o of outcomes) {
    if (o === 'killed') continue;
    for (const [table, n] of Object.entries(o.tableRequests ?? {})) sum[table] = (sum[table] ?? 0) + n;
  }
  sum.total = Object.values(sum).reduce((a, b) => a + b, 0);
  return Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, Number((v / notices).toFixed(1))]));
}

type Shape = Pick<ChildConfig, 'tenants' | 'noticesPerTenant' | 'conversationsPerTenant'>;

async function run(
  name: string,
  shape: Shape,
  store: StoreKind,
  options: { kill?: boolean; instances?: number } = {},
) {
  const kill = options.kill ?? false;
  const instances = options.instances ?? 1;
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
  if (store === 'azure') {
    azurite ??= await startAzurite();
    config.azure = {
      connectionString: azurite.connectionString,
      prefix: `fanout${process.pid}x${++prefixes}`,
    };
    await runChildOnce({ ...config, seedOnly: true });
    config.seed = false;
  }
  const load = [loadavg()[0]!];
  const azuriteCpu = store === 'azure' ? cpuOf(azurite?.pid) : 0;
  const ownCpu = cpuOf(process.pid);
  const started = Date.now();
  const stopTrace = values.trace ? trace(connector, started) : undefined;
  const others = Array.from({ length: instances - 1 }, () => runChild(config));
  let outcome = await runChild(config, kill ? () => connector.stats.accepted >= notices / 2 : undefined);
  let killedAt: number | undefined;
  if (outcome === 'killed') {
    killedAt = connector.stats.accepted;
    outcome = await runChild(config);
  }
  if (outcome === 'killed') throw new Error('killed twice');
  const rest = await Promise.all(others);
  stopTrace?.();
  load.push(loadavg()[0]!);
  const finished = [outcome, ...rest].filter((o): o is Outcome => o !== 'killed');
  const cpuSeconds = {
    engines: finished.map((o) => Number((o.cpuSeconds ?? 0).toFixed(1))),
    ...(store === 'azure' && { azurite: Number((cpuOf(azurite?.pid) - azuriteCpu).toFixed(1)) }),
    connector: Number((cpuOf(process.pid) - ownCpu).toFixed(1)),
  };
  const wall = (Date.now() - started) / 1000;
  const s = connector.stats;
  const span = (s.lastAt - s.firstAt) / 1000;
  const counts = tally(connector, notices);
  const report = {
    run: name,
    store,
    instances,
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
    peakRssMb: Math.round(
      Math.max(outcome.maxRssKb, ...rest.map((o) => (o === 'killed' ? 0 : o.maxRssKb))) / 1024,
    ),
    // Table transactions of the delivery (seeding not counted; nor, in the kill run, the killed process's).
    ...(store === 'azure' && !kill
      ? {
          tableTransactionsPerNotice: perNotice([outcome, ...rest], notices),
          tableMsPerRequest: meanMs([outcome, ...rest]),
        }
      : {}),
    // CPU seconds during the run: each engine process (the killed one not counted), Azurite, and
    // this process (the stand-in Teams connector and mail service).
    cpuSeconds,
    // 1-minute load average of the machine at the start and the end of the run (2 vCPUs: 2 = busy).
    loadAverage: load.map((l) => Number(l.toFixed(2))),
  };
  console.log(JSON.stringify(report));
  await connector.stop();
  rmSync(dir, { recursive: true, force: true });
  return report;
}

async function main(): Promise<void> {
  const runs = String(values.runs).split(',');
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const tenants = values.tenants ? Number(values.tenants) : n(2000);
  const b: Shape = { tenants, noticesPerTenant: 5, conversationsPerTenant: 1 };
  const singles: Partial<Record<StoreKind, number>> = {};
  for (const store of stores) {
    if (runs.includes('a'))
      await run(
        'a: 1 tenant',
        { tenants: 1, noticesPerTenant: n(3000), conversationsPerTenant: n(3000) },
        store,
      );
    if (runs.includes('b')) singles[store] = (await run(`b: ${tenants} tenants`, b, store)).noticesPerSecond;
    if (runs.includes('kill'))
      await run(
        'kill: SIGKILL + restart',
        { tenants: n(400), noticesPerTenant: 5, conversationsPerTenant: 1 },
        store,
        {
          kill: true,
        },
      );
  }
  if (runs.includes('two')) {
    const one = singles.azure ?? (await run(`b: ${tenants} tenants`, b, 'azure')).noticesPerSecond;
    const two = (await run(`two: ${tenants} tenants, two instances`, b, 'azure', { instances: 2 }))
      .noticesPerSecond;
    console.log(
      JSON.stringify({
        run: 'two vs one (azure, b)',
        one,
        two,
        ratio: Number((two / one).toFixed(2)),
        goal: 1.3,
      }),
    );
  }
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => azurite?.stop());
