import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite';
import type { ChildConfig } from '../support/delivery-child';
import { TeamsConnector } from '../support/teams-connector';

const CHILD = path.join(__dirname, '../support/delivery-child.ts');

function run(config: ChildConfig, killWhen?: () => boolean): Promise<'killed' | { reconciled: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const timer = killWhen && setInterval(() => killWhen() && child.kill('SIGKILL'), 2);
    child.on('exit', (code, signal) => {
      if (timer) clearInterval(timer);
      if (signal === 'SIGKILL') return resolve('killed');
      if (code !== 0) return reject(new Error(`delivery child exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { reconciled: number });
    });
  });
}

describe('the delivery engine killed mid-way and restarted', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mca-kill-'));
  const connector = new TeamsConnector({ latencyMs: 30 });
  afterAll(async () => {
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no notice and sends none twice on one channel; cut-off sends go by e-mail instead', async () => {
    const config: ChildConfig = {
      db: path.join(dir, 'engine.db'),
      connector: await connector.start(),
      tenants: 150,
      noticesPerTenant: 2,
      conversationsPerTenant: 1,
      tenantRate: 30,
      concurrency: 32,
      leaseMs: 1_500,
    };
    const notices = config.tenants * config.noticesPerTenant;
    expect(await run(config, () => connector.stats.accepted >= notices / 3)).toBe('killed');
    const killedAt = connector.stats.accepted;
    expect(killedAt).toBeLessThan(notices);

    const restarted = await run(config);
    expect(restarted).not.toBe('killed');
    const { teams, mail } = connector.stats;
    const ids = Array.from(
      { length: notices },
      (_, i) => `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    expect(ids.filter((id) => (teams.get(id) ?? 0) + (mail.get(id) ?? 0) === 0)).toEqual([]);
    expect(ids.filter((id) => (teams.get(id) ?? 0) > 1 || (mail.get(id) ?? 0) > 1)).toEqual([]);
    // Only sends the kill cut off between intent and record may have gone both ways.
    const both = ids.filter((id) => teams.has(id) && mail.has(id)).length;
    expect(mail.size).toBe((restarted as { reconciled: number }).reconciled);
    expect(both).toBeLessThanOrEqual(mail.size);

    const store = openSqliteStore({ file: config.db });
    expect(await store.jobs.counts()).toMatchObject({ pending: 0, dead: 0, done: notices });
    const unsure = await store.audit.list({ limit: 500 });
    expect(unsure.filter((e) => e.action === 'delivery.unsure')).toHaveLength(mail.size);
    await store.close();
  }, 30_000);
});
