import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who a Partner Center call is made for. `interactive`: a person is waiting (a typed command, a card
 * click, a message-extension query, an HTTP API call); `background`: nobody is (sweeps, digests,
 * watchers, reconcile, jobs). The per-partner limiter serves interactive calls first.
 */
export type CallPriority = 'interactive' | 'background';

const storage = new AsyncLocalStorage<CallPriority>();

/**
 * The priority of the work running now. Unmarked work is background: the few places where a person
 * waits mark themselves (the turn in src/teams/process-activity.ts, the HTTP routes people call),
 * while background work starts in many places (timers, the job worker, startup) — a mark forgotten
 * there would let a sweep jump ahead of people, a mark forgotten here only makes one person wait.
 */
export function currentPriority(): CallPriority {
  return storage.getStore() ?? 'background';
}

/**
 * Runs `work` (and everything it awaits or starts) as made for a person.
 *
 * @example
 * await asInteractive(() => adapter.runAuthenticated(auth, activity, logic));
 */
export function asInteractive<T>(work: () => T): T {
  return storage.run('interactive', work);
}

/**
 * Runs `work` as background work even when a person's turn started it (a sweep `pending` begins, a
 * job): it must not take a person's place in the queue for minutes.
 *
 * @example
 * const result = asBackground(() => runSweep(services, options));
 */
export function asBackground<T>(work: () => T): T {
  return storage.run('background', work);
}
