/**
 * Portfolio sweep benchmark (issues 3 and 13). Sandbox with N generated customers (default 10,000)
 * in its own process, a Partner Center rate limit of 6,000 requests/minute enforced by the sandbox,
 * 20 ms latency; the bot (compiled, with the node flags of `npm start`) in another process with its
 * limiter configured to the same limit. Two sweeps through the real client, limiter, cache and
 * SQLite store (no Teams). Reports ratios measured in this run and the bot's memory, sampled from
 * /proc every 250 ms: during the sweeps and for a while after.
 *
 *   npm run bench -- portfolio-sweep --customers 2000 --rate 6000 --latency 20
 *   npm run bench -- portfolio-sweep --quick        # 1,000 customers at 20,000/min
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SandboxStats } from '../src/sandbox';
import { generateCustomers } from '../src/sandbox';
import { STATE_OF } from '../test/support/portfolio';
import { loadAverage } from './support/load';
import { compiled, memoryOf, requireBuild, startFlags, startSandboxProcess } from './support/processes';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    customers: { type: 'string' },
    rate: { type: 'string' },
    latency: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '8' },
    /** Seconds the bot is watched after the second sweep. */
    after: { type: 'string' },
    /** Node flags for the bot instead of those of `npm start`, e.g. --bot-flags=--max-semi-space-size=16 */
    'bot-flags': { type: 'string' },
  },
  strict: true,
});
const customers = Number(values.customers ?? (values.quick ? 1000 : 10000));
const rate = Number(values.rate ?? (values.quick ? 20000 : 6000));
const afterSeconds = Number(values.after ?? (values.quick ? 3 : 15));
const botFlags =
  values['bot-flags'] === undefined ? startFlags() : values['bot-flags'].split(',').filter(Boolean);

function fullWindowRate(stats: SandboxStats): number | undefined {
  // The first and last minute windows are partial; the ones between show the sustained rate.
  const full = stats.perMinute.slice(1, -1);
  return full.length === 0 ? undefined : full.reduce((sum, w) => sum + w.requests, 0) / full.length;
}

interface SweepAnswer {
  ms: number;
  states: [string, string][];
  spoiled: number;
  needingAction: number;
}

async function main(): Promise<void> {
  requireBuild();
  const portfolio = generateCustomers(customers);
  const sandbox = await startSandboxProcess({ customers, rate, latency: Number(values.latency) });
  const child = fork(compiled(path.join(__dirname, 'support', 'sweep-child.ts')), [], {
    execArgv: [...botFlags, '--expose-gc'],
    env: {
      ...process.env,
      SANDBOX_URL: sandbox.url,
      PARTNER_CENTER_RATE_LIMIT_PER_MINUTE: String(rate),
      PORTFOLIO_CONCURRENCY: values.concurrency,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bot exited (${code})`)));
  });
  const pid = child.pid!;
  const idle = memoryOf(pid).rss;
  let next = 0;
  const ask = <T>(op: string) =>
    new Promise<T>((resolve) => {
      const id = ++next;
      const onMessage = (m: { id?: number }) => {
        if (m.id !== id) return;
        child.off('message', onMessage);
        resolve(m as T);
      };
      child.on('message', onMessage);
      child.send({ op, id });
    });

  let highest = 0;
  const sampler = setInterval(() => (highest = Math.max(highest, memoryOf(pid).rss)), 250);
  const sweep = async () => {
    await sandbox.resetStats();
    const answer = await ask<SweepAnswer>('sweep');
    return { ...answer, stats: await sandbox.stats() };
  };

  console.log(
    `${customers} customers, limit ${rate}/min, ${values.latency} ms latency, concurrency ${values.concurrency}, ` +
      `bot flags: ${botFlags.join(' ') || '(none)'}; load average (1/5/15 min) at start ${loadAverage()}`,
  );
  const first = await sweep();
  const second = await sweep();
  const duringSweeps = highest;
  await new Promise((resolve) => setTimeout(resolve, afterSeconds * 1000));
  clearInterval(sampler);
  const afterSweeps = memoryOf(pid);
  const { heapMb } = await ask<{ heapMb: number }>('heap');

  const seen = new Map(first.states);
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
    ['customers whose result a 429 or failure spoiled', String(first.spoiled + second.spoiled)],
    ['customers whose state differs from the sandbox truth', String(truth.length)],
    ['second sweep: Partner Center calls', String(second.stats.totalRequests)],
    [
      'second sweep: calls / first sweep calls',
      (second.stats.totalRequests / first.stats.totalRequests).toFixed(3),
    ],
    ['second sweep: wall time', `${(second.ms / 1000).toFixed(1)} s`],
    ['needing action (re-read every sweep)', String(first.needingAction)],
    ['bot RSS idle after start (bot alone, sandbox in its own process)', `${idle.toFixed(0)} MB`],
    ['bot: highest RSS sampled during the sweeps', `${duringSweeps.toFixed(0)} MB`],
    [`bot: RSS ${afterSeconds} s after the second sweep`, `${afterSweeps.rss.toFixed(0)} MB`],
    ['bot: peak RSS (VmHWM), whole run', `${afterSweeps.peak.toFixed(0)} MB`],
    ['bot: heap in use after both sweeps, after GC', `${heapMb.toFixed(0)} MB`],
  ];
  console.log('\n| figure | value |\n| --- | --- |');
  for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
  console.log(`\nload average at end ${loadAverage()}`);

  await ask('close');
  await sandbox.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
