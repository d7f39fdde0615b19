import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger';
import { asBackground, asInteractive, currentPriority, type CallPriority } from '../../src/core/priority';
import { Worker } from '../../src/jobs/worker';
import { openSqliteStore } from '../../src/store/sqlite';

describe('the call priority context', () => {
  it('is background unless a person is waiting', () => {
    expect(currentPriority()).toBe('background');
  });

  it('follows a person’s work through awaits and timers, and not past it', async () => {
    const seen: CallPriority[] = [];
    await asInteractive(async () => {
      seen.push(currentPriority());
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(currentPriority());
      await asBackground(async () => {
        await Promise.resolve();
        seen.push(currentPriority());
      });
      seen.push(currentPriority());
    });
    seen.push(currentPriority());
    expect(seen).toEqual(['interactive', 'interactive', 'background', 'interactive', 'background']);
  });

  it('runs jobs as background work even when a person’s turn runs the worker', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const seen: CallPriority[] = [];
    const worker = new Worker({
      jobs: store.jobs,
      log: silentLogger(),
      handlers: {
        probe: async () => {
          seen.push(currentPriority());
        },
      },
    });
    await store.jobs.enqueue({ type: 'probe', payload: {}, runAt: new Date(0) });
    await store.jobs.enqueue({ type: 'probe', payload: {}, runAt: new Date(0) });
    const leased = await asInteractive(() => worker.runDue());
    expect(leased).toBe(2);
    expect(seen).toEqual(['background', 'background']);
    await worker.stop();
    await store.close();
  });
});
