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
import { compiled, freePort, memoryOf, requireBuild, startFlags, waitForOk } from './support/processes';

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
  rss?: number;
}

async function start(script: string, flags: string[], idleFor = 0): Promise<Start> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mca-bench-ready-'));
  const began = performance.now();
  const child = spawn(process.execPath, [...flags, script], {
    cwd: dataDir,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    await waitForOk(`http://127.0.0.1:${port}/readyz`, child, 2);
    const ms = performance.now() - began;
    let rss: number | undefined;
    if (idleFor > 0) {
      await new Promise((resolve) => setTimeout(resolve, idleFor * 1000));
      rss = memoryOf(child.pid!).rss;
    }
    return { ms, rss };
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
  const times = { bare: [] as number[], echo: [] as number[], bot: [] as number[] };
  for (let i = 0; i < runs; i++) {
    times.bare.push((await start(bare, flags)).ms);
    times.echo.push((await start(echo, flags)).ms);
    times.bot.push((await start(bot, flags)).ms);
  }
  const idle = await start(bot, flags, idleSeconds);
  console.log(`load average at end ${loadAverage()}`);
  console.log('\n| process | median ms to /readyz 200 | all runs (ms) | / bare restify |');
  console.log('| --- | --- | --- | --- |');
  for (const [name, label] of [
    ['bare', 'bare restify'],
    ['echo', 'bare botbuilder echo bot on restify'],
    ['bot', 'MCA Assist, sandbox mode (`node dist/src/index.js`)'],
  ] as const) {
    const m = median(times[name]);
    console.log(
      `| ${label} | **${m.toFixed(0)}** | ${times[name].map((t) => t.toFixed(0)).join(', ')} | ${(m / median(times.bare)).toFixed(1)} |`,
    );
  }
  console.log(
    `\nbot RSS after ${idleSeconds} s idle (embedded sandbox included): ${idle.rss!.toFixed(0)} MB`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
