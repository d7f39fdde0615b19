import type {
  AppEvent,
  Coordination,
  Hook,
  Hooks,
  KeyedLock,
  RunningWork,
  SingleFlight,
  WorkRegistry,
} from './types';

/** One instance: a promise chain per key. */
export function localKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async withLock(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const run = previous.catch(() => undefined).then(task);
      tails.set(key, run);
      try {
        return await run;
      } finally {
        if (tails.get(key) === run) tails.delete(key);
      }
    },
  };
}

/** One instance: the running promise per key. */
export function localSingleFlight(): SingleFlight {
  const inflight = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const running = inflight.get(key) as Promise<T> | undefined;
      if (running) return running;
      const run = task().finally(() => inflight.delete(key));
      inflight.set(key, run);
      return run;
    },
  };
}

/** One instance: the running work per key, removed as soon as its result settles. */
export function localWorkRegistry(): WorkRegistry {
  const running = new Map<string, RunningWork>();
  return {
    async join<W extends RunningWork>(key: string, start: () => W) {
      const existing = running.get(key) as W | undefined;
      if (existing) return { work: existing, joined: true };
      const work = start();
      running.set(key, work);
      // Attached before any caller awaits the result, so a caller that has seen it settle and
      // joins again starts new work.
      work.result
        .finally(() => {
          if (running.get(key) === work) running.delete(key);
        })
        .catch(() => undefined);
      return { work, joined: false };
    },
    async stopAll(reason) {
      const all = [...running.values()];
      for (const work of all) work.stop(reason);
      await Promise.allSettled(all.map((w) => w.result));
    },
  };
}

/** Hooks are code, the same in every instance: a per-app table. */
export function localHooks(): Hooks {
  const byEvent = new Map<string, Map<string, Hook<unknown>>>();
  return {
    on<T>(event: AppEvent<T>, name: string, hook: Hook<T>) {
      let hooks = byEvent.get(event.name);
      if (!hooks) byEvent.set(event.name, (hooks = new Map<string, Hook<unknown>>()));
      hooks.set(name, hook as Hook<unknown>);
    },
    async emit<T>(services: Parameters<Hook<T>>[0], event: AppEvent<T>, payload: T) {
      for (const [name, hook] of byEvent.get(event.name) ?? []) {
        try {
          await hook(services, payload);
        } catch (err) {
          services.log.error({ err, hook: name, event: event.name }, 'a hook failed');
        }
      }
    },
  };
}

/**
 * The coordination of a single instance (SQLite): everything in process memory.
 *
 * @example
 * const services: Services = { ...rest, coordination: localCoordination() };
 */
export function localCoordination(): Coordination {
  return { customerLock: localKeyedLock(), singleFlight: localSingleFlight(), sweeps: localWorkRegistry() };
}
