import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { BotHarness } from '../support/bot-harness';
import { cardText } from '../support/card-text';
import { until } from '../support/until';

const root = path.join(__dirname, '../..');
const FABRIKAM = '4db61b85-10e6-4651-969d-6fbe6f49b1fc';

describe('npm run consent (device-code flow against the sandbox sign-in)', () => {
  let sandbox: Sandbox;
  let dataDir = '';
  const key = randomBytes(32).toString('hex');
  beforeAll(async () => {
    sandbox = await startSandbox({ control: true, log: silentLogger() });
    dataDir = mkdtempSync(path.join(tmpdir(), 'mca-consent-'));
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores the consent encrypted, prints the next steps and no token, and the bot then works from it', async () => {
    const child = spawn(
      process.execPath,
      ['--disable-warning=DEP0111', '--import', 'tsx', 'scripts/consent.ts'],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          DATA_DIR: dataDir,
          SANDBOX_URL: sandbox.url,
          TOKEN_ENCRYPTION_KEY: key,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(() => /enter the code [0-9A-F]{8}/.test(out), 'the device code', 30_000);
      // The Admin agent signs in in the browser; the emulator's control API stands in for that.
      const approved = await fetch(`${sandbox.url}/_control/login/approve`, { method: 'POST' });
      expect(((await approved.json()) as { approved: number }).approved).toBe(1);
      const code = await exited;
      if (code !== 0) console.log(out);
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
    expect(out).toContain('Consent stored for integration@fabrikam.example');
    expect(out).toContain('Next steps:');
    expect(out).not.toMatch(/sandbox-rt-|sandbox-user-token/);

    // The bot starts from the stored consent alone (no PARTNER_CENTER_REFRESH_TOKEN).
    const bot = new BotHarness();
    await bot.start(
      { DATA_DIR: dataDir, SANDBOX_SIGN_IN: 'entra', TOKEN_ENCRYPTION_KEY: key },
      { externalSandbox: sandbox },
    );
    try {
      const [card] = await bot.say(`status ${FABRIKAM}`);
      expect(cardText(card)).toContain('MCA accepted by the customer');
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
    } finally {
      await bot.app.close();
      await bot.teams.stop();
    }
  }, 60_000);
});
