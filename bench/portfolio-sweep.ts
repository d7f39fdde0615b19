/**
 * Portfolio sweep benchmark (issue 3). Sandbox with N generated customers (default 10,000), a
 * Partner Center rate limit of 6,000 requests/minute enforced by the sandbox, 20 ms latency; the
 * bot's limiter configured to the same limit. Two sweeps through the real client, limiter, cache
 * and SQLite store (no Teams). Reports ratios measured in this run, not wall-clock promises.
 *
 *   npm run bench -- portfolio-sweep --customers 2000 --rate 6000 --latency 20
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/core/logger';
import { joinSweep } from '../src/features/portfolio/sweep-registry';
import { needsRetry, type SweepResult } from '../src/features/portfolio/types';
import { generateCustomers, startSandbox, type SandboxStats } from '../src/sandbox';
import { STATE_OF } from '../test/support/portfolio';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '6000' },
    latency: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '8' },
  },
  strict: true,
});
const customers = Number(values.customers);
const rate = Number(values.rate);

function fullWindowRate(stats: SandboxStats): number | undefined {
  // The first and last minute windows are partial; the ones between show the sustained rate.
  const full = stats.perMinute.slice(1, -1);
  return full.length === 0 ? undefined : full.reduce((sum, w) => sum + w.requests, 0) / full.length;
}

async function main(): Promise<void> {
  const portfolio = generateCustomers(customers);
  const sandbox = await startSandbox({
    customers: portfolio,
    rateLimitPerMinute: rate,
    latencyMs: Number(values.latency),
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mca-bench-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    PARTNER_CENTER_RATE_LIMIT_PER_MINUTE: String(rate),
    PORTFOLIO_CONCURRENCY: values.concurrency,
  });
  const app = await createApp(config, createLogger({ level: 'error' }), { externalSandbox: sandbox });

  const sweep = async (): Promise<{ result: SweepResult; ms: number; stats: SandboxStats }> => {
    sandbox.world.resetStats();
    const started = performance.now();
    const result = await (await joinSweep(app.services)).result;
    return { result, ms: performance.now() - started, stats: sandbox.world.stats() };
  };

  console.log(
    `${customers} customers, limit ${rate}/min, ${values.latency} ms latency, concurrency ${values.concurrency}`,
  );
  const first = await sweep();
  const second = await sweep();
  const rss = process.resourceUsage().maxRSS / 1024;
  // bench/run.ts starts node with --expose-gc: live heap after the sweeps, without garbage not yet collected.
  (globalThis as { gc?: () => void }).gc?.();
  const heap = process.memoryUsage().heapUsed / 1024 / 1024;

  const seen = new Map(first.result.rows.map((r) => [r.tenantId, r.state]));
  const truth = portfolio.filter((c) => seen.get(c.id) !== STATE_OF[c.scenario]);
  const perMinute = first.stats.totalRequests / (first.ms / 60_000);
  const sustained = fullWindowRate(first.stats);
  const rows: [string, string][] = [
    ['first sweep: Partner Center calls', String(first.stats.totalRequests)],
    ['first sweep: wall time', `${(first.ms / 1000).toFixed(1)} s`],
    ['first sweep: achieved rate / limit (whole sweep)', (perMinute / rate).toFixed(3)],
    [
      'first sweep: achieved rate / limit (full minutes)',
      sustained === undefined ? 'n/a (under 3 min)' : (sustained / rate).toFixed(3),
    ],
    ['highest count in one sandbox minute / limit', (first.stats.maxPerMinute / rate).toFixed(3)],
    ['429 answers from the sandbox (both sweeps)', String(first.stats.throttled + second.stats.throttled)],
    [
      'customers whose result a 429 or failure spoiled',
      String(first.result.rows.filter(needsRetry).length + second.result.rows.filter(needsRetry).length),
    ],
    ['customers whose state differs from the sandbox truth', String(truth.length)],
    ['second sweep: Partner Center calls', String(second.stats.totalRequests)],
    [
      'second sweep: calls / first sweep calls',
      (second.stats.totalRequests / first.stats.totalRequests).toFixed(3),
    ],
    ['second sweep: wall time', `${(second.ms / 1000).toFixed(1)} s`],
    [
      'needing action (re-read every sweep)',
      String(first.result.rows.filter((r) => !r.state.startsWith('accepted')).length),
    ],
    ['peak RSS (bot + sandbox, one process)', `${rss.toFixed(0)} MB`],
    ['heap in use after both sweeps, after GC', `${heap.toFixed(0)} MB`],
  ];
  console.log('\n| figure | value |\n| --- | --- |');
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);

  await app.close();
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
