import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Azurite's fixed development account (public, documented by Microsoft; not a secret). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const STARTED = /successfully started/i;
const START_TIMEOUT_MS = 60_000;

export interface Azurite {
  /** AZURE_STORAGE_CONNECTION_STRING for this emulator. */
  connectionString: string;
  port: number;
  /** The emulator's process id (benchmarks read its CPU time from /proc). */
  pid: number;
  /** How long the emulator took from spawn to listening. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * Starts Azurite's Table service on a free loopback port, in memory (or in `location`, to test a
 * restart of the emulator's data), and resolves when it listens. Tries another port if the one
 * picked was taken in between. Stop it with `stop()` (SIGINT, then SIGKILL after 3 s).
 *
 * @example
 * const azurite = await startAzurite();
 * const store = await openAzureStore({ target: { connectionString: azurite.connectionString } });
 */
export async function startAzurite(options: { location?: string } = {}): Promise<Azurite> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startOnce(await freePort(), options.location);
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

async function startOnce(port: number, location: string | undefined): Promise<Azurite> {
  const started = Date.now();
  const cwd = mkdtempSync(path.join(tmpdir(), 'mca-azurite-'));
  const main = path.join(path.dirname(require.resolve('azurite/package.json')), 'dist/src/table/main.js');
  const args = [
    main,
    '--tableHost',
    '127.0.0.1',
    '--tablePort',
    String(port),
    '--skipApiVersionCheck',
    '--disableTelemetry',
    // No access log: writing a line per request cost Azurite about a sixth of its CPU.
    '--silent',
  ];
  args.push(...(location ? ['--location', location] : ['--inMemoryPersistence']));
  // AZURITE_NODE_OPTIONS: node flags for the emulator (e.g. --cpu-prof, to see where its time goes).
  const node = process.env.AZURITE_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...node, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const cleanUp = () => rmSync(cwd, { recursive: true, force: true });
  try {
    await listening(child);
  } catch (err) {
    child.kill('SIGKILL');
    cleanUp();
    throw err;
  }
  return {
    port,
    pid: child.pid ?? 0,
    startMs: Date.now() - started,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};` +
      `TableEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`,
    stop: async () => {
      await stopChild(child);
      cleanUp();
    },
  };
}

function listening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`Azurite did not start within ${START_TIMEOUT_MS} ms: ${output}`)),
      START_TIMEOUT_MS,
    );
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (STARTED.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining its output so that the pipe never fills and blocks the emulator.
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`Azurite exited with ${code} before listening: ${output}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGINT');
  });
}

/** A port on 127.0.0.1 that was free a moment ago (the caller retries if it is taken in between). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
