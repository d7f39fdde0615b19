/**
 * Start-up benchmark (issue 13): how long `node dist/src/index.js` in sandbox mode (embedded
 * sandbox, fresh data directory, the node flags of `npm start`) takes from spawn to the first
 * `GET /readyz` 200, beside a bare restify server and the bare botbuilder echo bot started the same
 * way; runs alternate, median of N (default 5). Also the bot's RSS once it has been idle a while.
 *
 *   npm run bench -- ready                 # 5 starts each
 *   npm run bench -- ready --runs 9
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadAverage } from './support/load';
import {
  compiled,
  cpuOf,
  freePort,
  memoryOf,
  requireBuild,
  startFlags,
  waitForOk,
} from './support/processes';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string', default: '5' },
    /** Seconds the bot idles before its RSS is read. */
    idle: { type: 'string' },
  },
  strict: true,
});
const runs = Number(values.runs);
const idleSeconds = Number(values.idle ?? (values.quick ? 3 : 10));

interface Start {
  ms: number;
  /** CPU time (user + system) the process used until it was ready: what others' load disturbs least. */
  cpuMs: number;
  rss?: number;
}

/** The bot's V8 code cache (src/core/compile-cache.ts), empty at first: the first start fills it. */
const compileCache = mkdtempSync(path.join(tmpdir(), 'mca-bench-compile-cache-'));

async function start(script: string, flags: string[], idleFor = 0): Promise<Start> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mca-bench-ready-'));
  const began = performance.now();
  const child = spawn(process.execPath, [...flags, script], {
    cwd: dataDir,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      COMPILE_CACHE_DIR: compileCache,
    },
    stdio: 'ignore',
  });
  try {
    await waitForOk(`http://127.0.0.1:${port}/readyz`, child, 2);
    const ms = performance.now() - began;
    const cpuMs = cpuOf(child.pid!);
    let rss: number | undefined;
    if (idleFor > 0) {
      await new Promise((resolve) => setTimeout(resolve, idleFor * 1000));
      rss = memoryOf(child.pid!).rss;
    }
    return { ms, cpuMs, rss };
  } finally {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const bot = requireBuild();
  const bare = compiled(path.join(__dirname, 'support', 'bare-restify.ts'));
  const echo = compiled(path.join(__dirname, 'support', 'echo-bot.ts'));
  const flags = startFlags();
  console.log(`${runs} starts each, alternating; node flags of npm start: ${flags.join(' ') || '(none)'}`);
  console.log(`load average (1/5/15 min) at start ${loadAverage()}`);
  // The first start after a build or on a new machine compiles everything (and fills the cache).
  const cold = await start(bot, flags);
  const times = { bare: [] as number[], echo: [] as number[], bot: [] as number[] };
  const cpu = { bare: [] as number[], echo: [] as number[], bot: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const [name, script] of [
      ['bare', bare],
      ['echo', echo],
      ['bot', bot],
    ] as const) {
      const { ms, cpuMs } = await start(script, flags);
      times[name].push(ms);
      cpu[name].push(cpuMs);
    }
  }
  const idle = await start(bot, flags, idleSeconds);
  console.log(`load average at end ${loadAverage()}`);
  console.log(
    '\n| process | median ms to /readyz 200 | all runs (ms) | / bare restify | median CPU ms to ready | / bare restify |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [name, label] of [
    ['bare', 'bare restify'],
    ['echo', 'bare botbuilder echo bot on restify'],
    ['bot', 'MCA Assist, sandbox mode (`node dist/src/index.js`)'],
  ] as const) {
    const m = median(times[name]);
    const c = median(cpu[name]);
    console.log(
      `| ${label} | **${m.toFixed(0)}** | ${times[name].map((t) => t.toFixed(0)).join(', ')} | ${(m / median(times.bare)).toFixed(1)} | ${c.toFixed(0)} | ${(c / median(cpu.bare)).toFixed(1)} |`,
    );
  }
  console.log(
    `\nMCA Assist's first start, with an empty compile cache: ${cold.ms.toFixed(0)} ms, ${cold.cpuMs.toFixed(0)} CPU ms`,
  );
  console.log(`bot RSS after ${idleSeconds} s idle (embedded sandbox included): ${idle.rss!.toFixed(0)} MB`);
}

main()
  .finally(() => rmSync(compileCache, { recursive: true, force: true }))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
