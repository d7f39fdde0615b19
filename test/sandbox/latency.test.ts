import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, startSandbox, type Sandbox } from '../../src/sandbox';
import { get } from './helpers';

describe('sandbox latency', () => {
  let sandbox: Sandbox;
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);

  beforeAll(async () => {
    sandbox = await startSandbox({ latencyMs: 50 });
    process.on('warning', onWarning);
  });
  afterAll(async () => {
    process.off('warning', onWarning);
    await sandbox.close();
  });

  it('holds many requests at once without a listener-leak warning, and answers each', async () => {
    // A sweep keeps dozens of calls in flight; each waits out the latency on the server's one
    // "closing" signal, which Node would otherwise report as a leak past 10 listeners.
    const id = DEMO_CUSTOMERS[0]!.id;
    const calls = await Promise.all(Array.from({ length: 24 }, () => get(sandbox, `/v1/customers/${id}`)));

    expect(calls.map((c) => c.status)).toEqual(Array(24).fill(200));
    expect(calls.every((c) => c.body.id === id)).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });
});
