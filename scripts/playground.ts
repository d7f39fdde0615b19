/**
 * `npm run playground`: the Microsoft 365 Agents Playground pointed at the local bot, telemetry off,
 * its log file under .data/. On a machine without a browser opener (a server, a container) it
 * does not try to open one and prints the address instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const port = process.env.PORT ?? '3978';
const endpoint = `http://127.0.0.1:${port}/api/messages`;
const playgroundPort = process.env.PLAYGROUND_PORT ?? '56150';
const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'where' : 'xdg-open';
const canOpen =
  process.platform === 'win32' ||
  spawnSync('sh', ['-c', `command -v ${opener}`], { stdio: 'ignore' }).status === 0;

mkdirSync('.data', { recursive: true });
const env = {
  ...process.env,
  M365_AGENTS_PLAYGROUND_LOGFILE: path.resolve('.data/playground.log'),
  ...(canOpen ? {} : { TEAMSAPPTESTER_BROWSER: 'none' }),
};
console.log(`Agents Playground → bot at ${endpoint}`);
if (!canOpen) console.log(`Open http://localhost:${playgroundPort} in your browser.`);
const child = spawn(
  'npx',
  ['agentsplayground', '-e', endpoint, '-c', 'msteams', '--disable-telemetry', '-p', playgroundPort],
  { stdio: 'inherit', env, shell: process.platform === 'win32' },
);
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
