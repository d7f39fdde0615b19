import { sleep } from '../core/clock';
import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';
import { localKeyedLock, localSingleFlight } from './local';
import type { TableLeases, Lease } from './table-leases';
import type { KeyedLock, SingleFlight } from './types';

/** Long enough for any one locked task's storage round trips; renewed while the task runs. */
const LEASE_MS = 30_000;
/** How long a finished single-flight result stays readable for the callers that waited on it. */
const RESULT_KEEP_MS = 10_000;
/** A waiter gives up after this long (a task that never ends would be renewed forever). */
const MAX_WAIT_MS = 120_000;

/** Polls fast at first (most tasks are short), then every 250 ms. */
function backoff(attempt: number): number {
  return Math.min(250, 10 * 2 ** attempt) * (0.5 + Math.random() / 2);
}

/**
 * Runs `task` while renewing `lease` every third of its time, then hands the lease as it is after
 * the last renewal to `end` (with the task's value, or undefined when the task threw).
 */
async function holding<T>(
  leases: TableLeases,
  scope: string,
  key: string,
  lease: Lease,
  log: Logger,
  task: () => Promise<T>,
  end: (lease: Lease, outcome: { value: T } | undefined) => Promise<void>,
): Promise<T> {
  let current = lease;
  const done = new AbortController();
  const renewing = (async () => {
    for (;;) {
      await sleep(LEASE_MS / 3, done.signal);
      const renewed = await leases.renew(scope, key, current, LEASE_MS).catch((err: unknown) => {
        log.warn({ err, scope }, 'could not renew a lease');
        return current;
      });
      if (!renewed) {
        log.warn({ scope }, 'a lease was taken over while its task still ran');
        return;
      }
      current = renewed;
    }
  })();
  // Ends when the task does (its sleep is aborted); nothing to report then.
  const ended = renewing.catch(() => undefined);
  let outcome: { value: T } | undefined;
  try {
    outcome = { value: await task() };
    return outcome.value;
  } finally {
    done.abort(new Error('task finished'));
    await ended;
    // After the renewals stopped: a renewal in flight when the task ended changed the etag.
    await end(current, outcome).catch((err: unknown) => {
      log.warn({ err, scope }, 'could not release a lease; it expires by itself');
    });
  }
}

async function waitFor(what: string, step: (attempt: number) => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + MAX_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    if (await step(attempt)) return;
    if (Date.now() > deadline) {
      throw new AppError('STORE_UNAVAILABLE', `Waited too long for ${what} held by another instance.`, {
        retryable: true,
      });
    }
    await sleep(backoff(attempt));
  }
}

/**
 * One task per key across every instance: the in-process chain first (no storage traffic between
 * callers of one instance), then a lease entity that one instance at a time holds. A crashed holder's
 * lease runs out after LEASE_MS and the next instance takes it.
 */
export function sharedKeyedLock(leases: TableLeases, log: Logger): KeyedLock {
  const local = localKeyedLock();
  return {
    withLock: (key, task) =>
      local.withLock(key, async () => {
        let lease: Lease | undefined;
        await waitFor('a customer lock', async () => {
          lease = await leases.take('lock', key, LEASE_MS);
          return lease !== undefined;
        });
        return holding(leases, 'lock', key, lease!, log, task, (held) => leases.release('lock', key, held));
      }),
  };
}

/**
 * Concurrent calls share one run across every instance: the first takes the flight's lease and runs
 * the task; callers elsewhere wait and get the result it leaves on the lease (JSON data). If the
 * holder fails or dies, a waiter runs the task itself.
 */
export function sharedSingleFlight(leases: TableLeases, log: Logger): SingleFlight {
  const local = localSingleFlight();
  const fly = async <T>(key: string, task: () => Promise<T>): Promise<T> => {
    let result: { value: T } | undefined;
    let lease: Lease | undefined;
    await waitFor('a shared check', async (attempt) => {
      const seen = await leases.read('flight', key);
      if (attempt > 0 && seen?.result) {
        result = seen.result as { value: T };
        return true;
      }
      if (seen && seen.until > leases.now() && !seen.result) return false;
      lease = await leases.take('flight', key, LEASE_MS);
      return lease !== undefined;
    });
    if (result) return result.value;
    // A failed task leaves no result: waiters see the lease gone and run the task themselves.
    return holding(leases, 'flight', key, lease!, log, task, (held, outcome) =>
      outcome
        ? leases.finish('flight', key, held, outcome.value, RESULT_KEEP_MS)
        : leases.release('flight', key, held),
    );
  };
  return { run: (key, task) => local.run(key, () => fly(key, task)) };
}
