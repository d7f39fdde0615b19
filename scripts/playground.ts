/**
 * `npm run playground`: the Microsoft 365 Agents Playground pointed at the local bot, telemetry off,
 * its log file under .data/. `npm run playground:customer` (`--customer`) starts it as an admin of a
 * sandbox customer's tenant instead (.m365agentsplayground.customer.yml), on port 56151 by default, so
 * both sides can run side by side. On a machine without a browser opener (a server, a container) it
 * does not try to open one and prints the address instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const port = process.env.PORT ?? '3978';
const endpoint = `http://127.0.0.1:${port}/api/messages`;
const customer = process.argv.includes('--customer');
const playgroundPort = process.env.PLAYGROUND_PORT ?? (customer ? '56151' : '56150');
const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'where' : 'xdg-open';
const canOpen =
  process.platform === 'win32' ||
  spawnSync('sh', ['-c', `command -v ${opener}`], { stdio: 'ignore' }).status === 0;

mkdirSync('.data', { recursive: true });
const env = {
  ...process.env,
  M365_AGENTS_PLAYGROUND_LOGFILE: path.resolve(
    customer ? '.data/playground-customer.log' : '.data/playground.log',
  ),
  ...(customer
    ? { M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.resolve('.m365agentsplayground.customer.yml') }
    : {}),
  ...(canOpen ? {} : { TEAMSAPPTESTER_BROWSER: 'none' }),
};
console.log(`Agents Playground${customer ? ' (customer tenant)' : ''} → bot at ${endpoint}`);
if (!canOpen) console.log(`Open http://localhost:${playgroundPort} in your browser.`);
const child = spawn(
  'npx',
  ['agentsplayground', '-e', endpoint, '-c', 'msteams', '--disable-telemetry', '-p', playgroundPort],
  { stdio: 'inherit', env, shell: process.platform === 'win32' },
);
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
