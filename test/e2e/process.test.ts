import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { until } from '../support/until';

const root = path.join(__dirname, '../..');

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'src/index.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

describe('the process entry (what npm start runs)', () => {
  it('starts in sandbox mode with no settings, serves health, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mca-process-'));
    const bot = run({ PORT: '0', DATA_DIR: dataDir });
    try {
      const url = await until(
        () => bot.output().match(/Bot endpoint:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/messages/)?.[1],
        'the banner',
        20_000,
      );
      expect(bot.output()).toContain('sandbox mode');
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    } finally {
      bot.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start in live mode without credentials and names what is missing', async () => {
    const bot = run({ PARTNER_CENTER_MODE: 'live', PORT: '0' });
    expect(await bot.exited).toBe(1);
    expect(bot.output()).toContain('MCA Assist cannot start');
    expect(bot.output()).toContain('PARTNER_CENTER_CLIENT_ID');
    expect(bot.output()).not.toMatch(/at \w+ \(/);
  });
});
