/**
 * Child process for the cross-process lease test: opens the store file given as argv[2], says
 * `ready` on stderr and waits until the file argv[3] exists (the test creates it once every worker
 * is ready, so they start together however slowly each one started), then leases and completes
 * jobs until none is left, and prints the ids it leased as one JSON array.
 */
import { existsSync } from 'node:fs';
import { openSqliteStore } from '../../src/store/sqlite/index.js';

async function main(): Promise<void> {
  const [file, go] = process.argv.slice(2);
  if (!file || !go) throw new Error('usage: lease-worker <file> <go-file>');
  const store = openSqliteStore({ file });
  process.stderr.write('ready\n');
  while (!existsSync(go)) await new Promise((r) => setTimeout(r, 1));
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
