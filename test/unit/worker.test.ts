import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger';
import { Worker } from '../../src/jobs/worker';
import { openSqliteStore } from '../../src/store/sqlite';

async function until(probe: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('job worker', () => {
  it('keeps its slots busy: a slow job (a send waiting out Retry-After) does not hold up the rest', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    let releaseSlow!: () => void;
    const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
    const done: string[] = [];
    const worker = new Worker({
      jobs: store.jobs,
      log: silentLogger(),
      concurrency: 4,
      pollMs: 10,
      handlers: {
        slow: async () => {
          await slow;
          done.push('slow');
        },
        quick: async (job) => {
          done.push(String((job.payload as { n: number }).n));
        },
      },
    });
    await store.jobs.enqueue({ type: 'slow', payload: {}, runAt: new Date(0) });
    for (let n = 1; n <= 12; n++)
      await store.jobs.enqueue({ type: 'quick', payload: { n }, runAt: new Date(n) });
    worker.start();
    await until(() => done.length === 12);
    expect(done).not.toContain('slow');
    releaseSlow();
    await until(async () => (await store.jobs.counts()).done === 13);
    await worker.stop();
    await store.close();
  });
});
