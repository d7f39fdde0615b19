/**
 * The Partner Center emulator in its own process for the benchmarks, so the bot's memory and CPU
 * are measured alone. Started by bench/support/processes.ts with IPC; prints nothing. Arguments:
 * `--customers N` (generated portfolio; default: the demo customers), `--rate N` (requests a minute
 * the emulator enforces, 0 = off), `--latency ms`,
 * `--customer-rate N` (per customer, default 500 as documented; 0 = off). IPC messages: `{ op: 'stats' }` answers the
 * request counts, `{ op: 'resetStats' }` starts counting again.
 */
import { parseArgs } from 'node:util';
import { generateCustomers, startSandbox } from '../../src/sandbox';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '0' },
    rate: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    'customer-rate': { type: 'string', default: '500' },
  },
  strict: true,
});

async function main(): Promise<void> {
  const count = Number(values.customers);
  const sandbox = await startSandbox({
    ...(count > 0 ? { customers: generateCustomers(count) } : {}),
    rateLimitPerMinute: Number(values.rate),
    latencyMs: Number(values.latency),
    customerRateLimitPerMinute: Number(values['customer-rate']),
  });
  process.on('message', (message: { op?: string; id?: number }) => {
    if (message.op === 'resetStats') sandbox.world.resetStats();
    const stats = message.op === 'stats' ? sandbox.world.stats() : undefined;
    process.send?.({ id: message.id, stats });
  });
  process.on('disconnect', () => {
    void sandbox.close().finally(() => process.exit(0));
  });
  process.send?.({ url: sandbox.url });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
