import type { Services } from '../core/context';

/**
 * What must hold across every instance of the bot, named for the guarantee. `createApp` builds one
 * of each (src/coordination/local.ts: in-process, for one instance with SQLite); a shared backend
 * implements the same interfaces for several instances. Features use these interfaces only.
 */

/**
 * At most one task at a time per key (a customer): a second call for the same key waits until the
 * first has finished, then runs. A failing task does not block the next one.
 *
 * @example
 * await services.coordination.customerLock.withLock(customer.id, () => openOrJoin());
 */
export interface KeyedLock {
  withLock<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/**
 * Concurrent calls for the same key share one run of the task (five clicks, one Partner Center
 * check); a call after it has settled starts a new run.
 *
 * @example
 * const r = await services.coordination.singleFlight.run(`acceptance.check:${id}`, () => runCheck(id));
 */
export interface SingleFlight {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** Long work the registry can stop: settles `result`, and ends soon after `stop`. */
export interface RunningWork {
  /** Names the work to callers on other instances (a shared registry publishes it). */
  id?: string;
  result: Promise<unknown>;
  stop(reason: Error): void;
}

/**
 * At most one running piece of long work per key (one portfolio sweep per partner tenant): later
 * callers join it until its result settles; shutdown stops them all.
 *
 * @example
 * const { work, joined } = await services.coordination.sweeps.join(tenantId, () => startSweep());
 */
export interface WorkRegistry {
  /**
   * Callers of one key pass the same kind of work. `follow` turns the id of work running on another
   * instance into a handle here (only a shared registry calls it; without it, work starts here).
   */
  join<W extends RunningWork>(
    key: string,
    start: () => W,
    follow?: (id: string) => W,
  ): Promise<{ work: W; joined: boolean }>;
  /** Stops every running piece of work and waits until each has settled. */
  stopAll(reason: Error): Promise<void>;
}

/** Every coordination piece of one app (see the "State and coordination" table in the README). */
export interface Coordination {
  /** Opening or joining a customer's acceptance request, one at a time per customer. */
  customerLock: KeyedLock;
  /** One Partner Center check for many clicks on the same request. */
  singleFlight: SingleFlight;
  /** One portfolio sweep per partner tenant. */
  sweeps: WorkRegistry;
}

/** An event one feature raises and others follow; `T` is what the hooks receive. */
export interface AppEvent<T> {
  readonly name: string;
  /** Type only: never set. */
  readonly payload?: T;
}

export type Hook<T> = (services: Services, payload: T) => Promise<void>;

/**
 * Lets a feature follow another's events without that feature knowing it. Features register in
 * their `index.ts` (`router.on(event, name, hook)`); hooks should only queue work, and a failure is
 * logged, never thrown back into the feature that raised the event.
 */
export interface Hooks {
  /** Registering the same name again replaces the hook. */
  on<T>(event: AppEvent<T>, name: string, hook: Hook<T>): void;
  emit<T>(services: Services, event: AppEvent<T>, payload: T): Promise<void>;
}

/** Declares an event; the type parameter is what its hooks receive. */
export function appEvent<T>(name: string): AppEvent<T> {
  return { name };
}
