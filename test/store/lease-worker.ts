/**
 * Child process for the cross-process lease test: opens the store file given as argv[2], waits
 * until the epoch millisecond in argv[3] so that all workers start together, then leases and
 * completes jobs until none is left, and prints the ids it leased as one JSON array.
 */
import { openSqliteStore } from '../../src/store/sqlite/index.js';

async function main(): Promise<void> {
  const [file, startAt] = process.argv.slice(2);
  if (!file || !startAt) throw new Error('usage: lease-worker <file> <startAtMs>');
  const store = openSqliteStore({ file });
  while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 1));
  const leased: string[] = [];
  for (;;) {
    const jobs = await store.jobs.lease(new Date(), 60_000, 1 + (leased.length % 3));
    if (jobs.length === 0) break;
    for (const job of jobs) {
      leased.push(job.id);
      await store.jobs.complete(job.id);
    }
  }
  await store.close();
  process.stdout.write(JSON.stringify(leased));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
