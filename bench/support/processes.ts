/**
 * Child processes for the benchmarks: the sandbox, the bot as `npm start` runs it, a bare echo
 * bot. Memory is read from /proc (Linux), so each figure is one process's own.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { SandboxStats } from '../../src/sandbox';

export const ROOT = path.join(__dirname, '..', '..');

/** Every child still running is killed when the benchmark exits, however it exits. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
// Ctrl-C or a timeout: exit through the handler above, so no child outlives the benchmark.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
const TSX = require.resolve('tsx');

/**
 * The bot's outbound calls to the Bot Connector carry an Entra token that, in production, MSAL
 * fetches once an hour from login.microsoftonline.com (unreachable here). This preload answers
 * `getToken` with a fixed string instead, in the bot and in the echo bot alike; inbound channel
 * authentication (JWT signature, issuer, audience) stays real.
 */
export const NO_ENTRA_TOKEN = `data:text/javascript,${encodeURIComponent(
  `import { createRequire } from 'node:module';` +
    `const require = createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))});` +
    `require('botframework-connector').AppCredentials.prototype.getToken = async () => 'bench-token';`,
)}`;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The node flags `npm start` runs the bot with (package.json), e.g. a heap limit. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((w) => w.startsWith('--'));
}

/** The compiled bot (`npm run build`), as `npm start` runs it. */
export function requireBuild(): string {
  const entry = path.join(ROOT, 'dist', 'src', 'index.js');
  if (!existsSync(entry)) throw new Error('dist/src/index.js is missing: run `npm run build` first.');
  return entry;
}

/**
 * A bench-only TypeScript file compiled to JavaScript under dist/bench/, so it runs like the
 * compiled bot (no loader in the process). Imports of packages resolve from the project.
 */
export function compiled(script: string): string {
  // typescript is a devDependency; loaded only here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const out = path.join(ROOT, 'dist', path.relative(ROOT, script)).replace(/\.ts$/, '.js');
  const js = ts.transpileModule(readFileSync(script, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText;
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, js);
  return out;
}

/** Resident set size now and at its peak (VmHWM), in MB, of a process by pid. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * CPU time (user + system) a process has used so far, in ms. On a machine shared with other work,
 * CPU per turn is the figure their load disturbs least.
 */
export function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export interface SandboxProcess {
  url: string;
  pid: number;
  stats(): Promise<SandboxStats>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

/** bench/support/sandbox-process.ts in its own Node process, zero latency unless asked. */
export async function startSandboxProcess(
  options: {
    customers?: number;
    rate?: number;
    latency?: number;
    customerRate?: number;
  } = {},
): Promise<SandboxProcess> {
  const child = track(
    fork(
      path.join(__dirname, 'sandbox-process.ts'),
      [
        '--customers',
        String(options.customers ?? 0),
        '--rate',
        String(options.rate ?? 0),
        '--latency',
        String(options.latency ?? 0),
        '--customer-rate',
        String(options.customerRate ?? 500),
      ],
      {
        execArgv: ['--import', TSX],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    ),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url?: string }) => (m.url ? resolve(m.url) : reject(new Error('no url'))));
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code})`)));
  });
  let next = 0;
  const ask = (op: string) =>
    new Promise<{ stats?: SandboxStats }>((resolve) => {
      const id = ++next;
      const onMessage = (m: { id?: number; stats?: SandboxStats }) => {
        if (m.id !== id) return;
        child.off('message', onMessage);
        resolve(m);
      };
      child.on('message', onMessage);
      child.send({ op, id });
    });
  return {
    url,
    pid: child.pid!,
    stats: async () => (await ask('stats')).stats!,
    resetStats: async () => void (await ask('resetStats')),
    close: () => stopChild(child, () => child.disconnect()),
  };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  close(): Promise<void>;
}

/**
 * Starts `node [execArgv] script` with `env` and waits until `GET url + readyPath` answers 200.
 * Output goes to this process's stderr when `quiet` is false.
 */
export async function startServer(options: {
  script: string;
  execArgv?: string[];
  env: Record<string, string>;
  port: number;
  readyPath: string;
  cwd?: string;
  quiet?: boolean;
}): Promise<ServerProcess> {
  const child = track(
    spawn(process.execPath, [...(options.execArgv ?? []), options.script], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', options.quiet === false ? 'inherit' : 'ignore', 'inherit'],
    }),
  );
  const url = `http://127.0.0.1:${options.port}`;
  await waitForOk(url + options.readyPath, child);
  return {
    url,
    child,
    close: () => stopChild(child, () => child.kill('SIGTERM')),
  };
}

/** Polls until the URL answers 200; returns the milliseconds it took. */
export async function waitForOk(url: string, child: ChildProcess, everyMs = 5): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`process for ${url} exited before it was ready`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

function stopChild(child: ChildProcess, stop: () => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    stop();
  });
}
