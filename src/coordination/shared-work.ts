import { sleep } from '../core/clock';
import type { Logger } from '../core/logger';
import { localKeyedLock } from './local';
import type { Lease, TableLeases } from './table-leases';
import type { RunningWork, WorkRegistry } from './types';

const LEASE_MS = 30_000;

/**
 * One running piece of work per key across every instance (one portfolio sweep per partner
 * tenant): the instance that starts it holds a lease labelled with the work's id and renews it
 * while the work runs; a caller on another instance gets `follow(id)`, a handle that reads the
 * work's progress and result from the store. Joins on one instance are decided one at a time.
 */
export function sharedWorkRegistry(leases: TableLeases, log: Logger): WorkRegistry {
  const running = new Map<string, RunningWork>();
  const deciding = localKeyedLock();

  const hold = (key: string, work: RunningWork, lease: Lease) => {
    const done = new AbortController();
    void (async () => {
      let current: Lease | undefined = lease;
      while (current) {
        await sleep(LEASE_MS / 3, done.signal);
        current = await leases.renew('work', key, current, LEASE_MS);
      }
      // Ends with the abort below when the work settles (or when the lease was lost).
    })().catch(() => undefined);
    const end = () => {
      done.abort(new Error('work settled'));
      if (running.get(key) === work) running.delete(key);
      // A lease left behind ends by itself after LEASE_MS; until then others follow a finished id.
      void leases
        .read('work', key)
        .then((held) => (held?.owner === leases.owner ? leases.release('work', key, held) : undefined))
        .catch((err: unknown) => log.warn({ err }, 'could not release a work lease; it expires'));
    };
    work.result.then(end, end);
  };

  return {
    join: <W extends RunningWork>(key: string, start: () => W, follow?: (id: string) => W) =>
      deciding.withLock(key, async () => {
        const mine = running.get(key) as W | undefined;
        if (mine) return { work: mine, joined: true };
        if (follow) {
          const held = await leases.read('work', key);
          if (held && held.until > leases.now() && held.label && held.owner !== leases.owner) {
            return { work: follow(held.label), joined: true };
          }
        }
        const work = start();
        running.set(key, work);
        const lease = await leases.take('work', key, LEASE_MS, work.id).catch((err: unknown) => {
          log.warn({ err }, 'could not publish running work; other instances may start their own');
          return undefined;
        });
        if (lease) hold(key, work, lease);
        else
          work.result.then(
            () => running.delete(key),
            () => running.delete(key),
          );
        return { work, joined: false };
      }),
    async stopAll(reason) {
      const all = [...running.values()];
      for (const work of all) work.stop(reason);
      await Promise.allSettled(all.map((w) => w.result));
    },
  };
}
