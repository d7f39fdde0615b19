/**
 * People first (issue 13): `status` turns while a portfolio sweep spends the whole Partner Center
 * budget. The sandbox (N generated customers, its rate limit enforced with 429s, 20 ms latency) and
 * the app (limiter configured to the same limit) run in this process; turns are real activities
 * POSTed to /api/messages through restify and CloudAdapter, their replies go to a stand-in Bot
 * Connector (test/support/capture-server.ts). Two phases on one app, same customers, same spacing:
 *
 *   quiet  T `status <tenant id>` turns, one every gap ms, nothing else running
 *   sweep  a sweep of every customer started, the same T turns spread over its expected length
 *
 * Reports each phase's p50/p95 turn time (POST sent → status card received), their ratio, and the
 * sweep's achieved Partner Center rate over the limit. Ratios in one run, not wall-clock promises.
 *
 *   npm run bench -- interactive-under-sweep [--customers 2000] [--turns 50] [--rate 6000] [--quick]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/core/logger';
import { currentPriority, type CallPriority } from '../src/core/priority';
import { joinSweep } from '../src/features/portfolio/sweep-registry';
import { generateCustomers, startSandbox } from '../src/sandbox';
import { SANDBOX_ADMIN_AGENT_ID, SANDBOX_PARTNER_TENANT_ID } from '../src/sandbox/constants';
import { CaptureServer } from '../test/support/capture-server';

// Not strict: `npm run bench -- --runs a` passes other benchmarks' flags here too.
const { values } = parseArgs({
  options: {
    customers: { type: 'string' },
    turns: { type: 'string' },
    rate: { type: 'string', default: '6000' },
    latency: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '8' },
    quick: { type: 'boolean', default: false },
  },
  strict: false,
});
const customers = Number(values.customers ?? (values.quick ? 800 : 2000));
const turns = Number(values.turns ?? (values.quick ? 20 : 50));
const rate = Number(values.rate);
/** Partner Center calls a sweep makes per customer in this portfolio (docs/benchmarks.md). */
const CALLS_PER_CUSTOMER = 2.96;
/** The limiter's sustained share of the limit: the limit minus two one-second bursts. */
const SUSTAINED = 1 - 2 / 60;

const calls: Record<CallPriority, number> = { interactive: 0, background: 0 };
/** Partner Center calls (the sandbox's /v1/ routes; Graph's are /v1.0/) by the priority they were made under. */
const countingFetch: typeof fetch = (input, init) => {
  if (String(input instanceof Request ? input.url : input).includes('/v1/')) calls[currentPriority()]++;
  return fetch(input, init);
};

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function main(): Promise<void> {
  const portfolio = generateCustomers(customers);
  const sandbox = await startSandbox({
    customers: portfolio,
    rateLimitPerMinute: rate,
    latencyMs: Number(values.latency),
  });
  const teams = new CaptureServer();
  await teams.start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mca-bench-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    PARTNER_CENTER_RATE_LIMIT_PER_MINUTE: String(rate),
    PORTFOLIO_CONCURRENCY: String(values.concurrency),
  });
  const app = await createApp(config, createLogger({ level: 'error' }), {
    externalSandbox: sandbox,
    fetch: countingFetch,
  });
  const url = await app.listen();

  let seq = 0;
  /** One `status` turn: ms from the POST to the status card reaching the stand-in connector. */
  const statusTurn = async (tenantId: string): Promise<number> => {
    const id = `bench-${++seq}`;
    const conversationId = `a:personal-bench-${seq % 5}`;
    const activity = {
      type: 'message',
      id,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: teams.url,
      from: { id: '29:user-bench', aadObjectId: SANDBOX_ADMIN_AGENT_ID, name: 'Bench User' },
      recipient: { id: '28:mca-assist-bot', name: 'MCA Assist' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: SANDBOX_PARTNER_TENANT_ID },
      channelData: { tenant: { id: SANDBOX_PARTNER_TENANT_ID } },
      locale: 'en-US',
      text: `status ${tenantId}`,
    };
    const sent = Date.now();
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}`);
    await res.text();
    // The status card: the reply itself, or the edit of a "still checking" placeholder.
    for (;;) {
      const reply = teams.requests.find(
        (r) => r.body?.replyToId === id && JSON.stringify(r.body).includes(tenantId),
      );
      const placeholder = teams.requests.find((r) => r.body?.replyToId === id);
      const edit =
        placeholder &&
        teams.requests.find(
          (r) =>
            r.method === 'PUT' &&
            r.path.includes(placeholder.id) &&
            JSON.stringify(r.body).includes(tenantId),
        );
      const card = reply ?? edit;
      if (card) return card.at - sent;
      if (Date.now() - sent > 60_000) throw new Error(`no status card for turn ${id}`);
      await sleep(5);
    }
  };

  // The same customers in both phases, spread over the portfolio.
  const targets = Array.from({ length: turns }, (_, i) => portfolio[Math.floor((i * customers) / turns)]!.id);
  const sweepMs = ((customers * CALLS_PER_CUSTOMER) / ((rate * SUSTAINED) / 60_000)) * 0.9;
  const gap = sweepMs / turns;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let cpuShare = 0;
  const phase = async (): Promise<number[]> => {
    loopDelay.reset();
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const times: Promise<number>[] = [];
    for (const tenantId of targets) {
      times.push(statusTurn(tenantId));
      await sleep(gap);
    }
    const done = (await Promise.all(times)).sort((a, b) => a - b);
    const used = process.cpuUsage(cpu);
    cpuShare = (used.user + used.system) / 1000 / (performance.now() - wall);
    return done;
  };

  console.log(
    `${customers} customers, limit ${rate}/min, ${values.latency} ms latency, sweep concurrency ${values.concurrency}, ${turns} status turns one every ${Math.round(gap)} ms`,
  );
  // Warm-up: first-use costs (templates, connections) belong to neither phase.
  await statusTurn(targets[0]!);
  const loadBefore = loadAverage();
  loopDelay.enable();
  const quiet = await phase();
  const quietLoop = loopDelay.percentile(99) / 1e6;
  const quietCpu = cpuShare;
  const quietCalls = calls.interactive;
  // Let the quiet phase's permits come back before the sweep starts on a full bucket.
  await sleep(2_000);

  const loadQuiet = loadAverage();
  calls.background = 0;
  calls.interactive = 0;
  sandbox.world.resetStats();
  const started = performance.now();
  const sweep = (await joinSweep(app.services)).result;
  const busy = await phase();
  const busyLoop = loopDelay.percentile(99) / 1e6;
  const busyCpu = cpuShare;
  const result = await sweep;
  const ms = performance.now() - started;
  const stats = sandbox.world.stats();
  const loadSweep = loadAverage();

  const p95Ratio = percentile(busy, 95) / percentile(quiet, 95);
  const rows: [string, string][] = [
    [
      'load average (1, 5, 15 min) before / after quiet / after sweep',
      `${loadBefore} / ${loadQuiet} / ${loadSweep}`,
    ],
    ['status turns per phase', String(turns)],
    [
      'quiet: p50 / p95 / max turn time',
      `${percentile(quiet, 50)} / ${percentile(quiet, 95)} / ${quiet.at(-1)} ms`,
    ],
    [
      'during sweep: p50 / p95 / max turn time',
      `${percentile(busy, 50)} / ${percentile(busy, 95)} / ${busy.at(-1)} ms`,
    ],
    ['p95 during sweep / p95 quiet (goal ≤ 1.5)', p95Ratio.toFixed(2)],
    ['event-loop delay p99, quiet / during sweep', `${quietLoop.toFixed(0)} / ${busyLoop.toFixed(0)} ms`],
    [
      'CPU this process used / wall time, quiet / during sweep (1 = one core)',
      `${quietCpu.toFixed(2)} / ${busyCpu.toFixed(2)}`,
    ],
    ['Partner Center calls per status turn', (quietCalls / (turns + 1)).toFixed(1)],
    ['sweep: customers, wall time', `${result.rows.length}, ${(ms / 1000).toFixed(1)} s`],
    ['sweep: background calls / interactive calls', `${calls.background} / ${calls.interactive}`],
    [
      'sweep: achieved rate / limit, sweep calls only (goal ≥ 0.9)',
      (calls.background / (ms / 60_000) / rate).toFixed(3),
    ],
    ['all calls during the sweep / limit', (stats.totalRequests / (ms / 60_000) / rate).toFixed(3)],
    ['most requests in one sandbox minute / limit', (stats.maxPerMinute / rate).toFixed(3)],
    ['429 answers from the sandbox', String(stats.throttled)],
  ];
  console.log('\n| figure | value |\n| --- | --- |');
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);

  await app.close();
  await teams.stop();
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
