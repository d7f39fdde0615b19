/**
 * The bot's side of bench/portfolio-sweep.ts in a process of its own: compiled to
 * dist/bench/support/ and started with the node flags of `npm start`, so its memory is the bot's
 * alone (the sandbox runs in another process). The app is built as in production (createApp with
 * SANDBOX_URL, SQLite file); sweeps run through the real client, limiter, cache and store.
 * IPC: `{ op: 'sweep' }` → `{ ms, states, spoiled, needingAction }`, `{ op: 'heap' }` → MB in use
 * after a full GC (when started with --expose-gc), `{ op: 'close' }`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { joinSweep } from '../../src/features/portfolio/sweep-registry';
import { needsRetry } from '../../src/features/portfolio/types';

interface Message {
  id: number;
  op: 'sweep' | 'heap' | 'close';
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mca-bench-sweep-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    SANDBOX_URL: process.env.SANDBOX_URL,
    PARTNER_CENTER_RATE_LIMIT_PER_MINUTE: process.env.PARTNER_CENTER_RATE_LIMIT_PER_MINUTE,
    PORTFOLIO_CONCURRENCY: process.env.PORTFOLIO_CONCURRENCY,
  });
  const app = await createApp(config, createLogger({ level: 'error' }));
  const reply = (id: number, body: object) => process.send?.({ id, ...body });
  process.on('message', (m: Message) => {
    void (async () => {
      if (m.op === 'sweep') {
        const started = performance.now();
        const { rows } = await (await joinSweep(app.services)).result;
        reply(m.id, {
          ms: performance.now() - started,
          states: rows.map((r) => [r.tenantId, r.state]),
          spoiled: rows.filter(needsRetry).length,
          needingAction: rows.filter((r) => !r.state.startsWith('accepted')).length,
        });
      } else if (m.op === 'heap') {
        (globalThis as { gc?: () => void }).gc?.();
        reply(m.id, { heapMb: process.memoryUsage().heapUsed / 1024 / 1024 });
      } else {
        await app.close();
        rmSync(dataDir, { recursive: true, force: true });
        reply(m.id, {});
        process.exit(0);
      }
    })();
  });
  process.send?.({ ready: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
