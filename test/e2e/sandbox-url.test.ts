import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/azurite';
import { BotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';

const ROOT = path.join(__dirname, '../..');

/** `npm run sandbox` as a process of its own, as an operator starts it; resolves with its URL. */
function startEmulator(port: number, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/sandbox.ts')], {
    cwd: ROOT,
    env: { ...process.env, SANDBOX_PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`npm run sandbox exited with ${code}: ${out}`)));
  });
}

describe('npm run sandbox and SANDBOX_URL', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mca-emulator-'));
  let emulator: { child: ChildProcess; url: string };
  const one = new BotHarness();
  const two = new BotHarness();

  beforeAll(async () => {
    emulator = await startEmulator(await freePort(), dataDir);
    const env = {
      SANDBOX_URL: emulator.url,
      SANDBOX_WEBHOOK_CERT_DIR: path.join(dataDir, 'sandbox-webhook'),
    };
    await one.start(env);
    await two.start(env);
  }, 60_000);
  afterAll(async () => {
    await one.stop();
    await two.stop();
    // The emulator saves its state as it stops: remove its folder only once it has exited.
    const child = emulator?.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts the emulator alone on SANDBOX_PORT and writes its webhook CA for the instances', async () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${emulator.url}/v1/customers?size=1`);
    expect(res.status).toBe(401);
    expect(readdirSync(path.join(dataDir, 'sandbox-webhook')).sort()).toEqual([
      'ca.pem',
      'cert.pem',
      'key.pem',
    ]);
  });

  it('makes two instances in sandbox mode use that one emulator instead of embedding their own', async () => {
    expect(one.app.sandbox).toBeUndefined();
    expect(two.app.sandbox).toBeUndefined();
    const [fromOne] = await one.say('status contoso');
    const [fromTwo] = await two.say('status contoso');
    expect(cardText(fromOne)).toContain('Contoso');
    expect(cardText(fromTwo)).toEqual(cardText(fromOne));
  });
});
