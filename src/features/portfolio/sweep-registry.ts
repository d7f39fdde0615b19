import type { Services } from '../../core/context';
import { runSweep } from './sweep';
import { newSweepId, saveSweep } from './sweep-store';
import type { SweepProgress, SweepResult } from './types';

/** A running (or just finished) sweep as seen by one caller. */
export interface SweepHandle {
  id: string;
  /** True when this caller joined a sweep someone else started. */
  joined: boolean;
  progress(): SweepProgress;
  /** Resolves once the result is stored. */
  result: Promise<SweepResult>;
  /** Called after each customer; returns the unsubscribe function. */
  onProgress(listener: (progress: SweepProgress) => void): () => void;
}

interface Running {
  id: string;
  progress: () => SweepProgress;
  result: Promise<SweepResult>;
  listeners: Set<(progress: SweepProgress) => void>;
  abort: AbortController;
}

// One registry per app instance (tests run several apps in one process), found by its Services.
const registries = new WeakMap<Services, Map<string, Running>>();

function registryOf(services: Services): Map<string, Running> {
  let registry = registries.get(services);
  if (!registry) registries.set(services, (registry = new Map<string, Running>()));
  return registry;
}

function start(services: Services, registry: Map<string, Running>, key: string): Running {
  const id = newSweepId(services.clock);
  const abort = new AbortController();
  const listeners = new Set<(progress: SweepProgress) => void>();
  const startedAt = services.clock.now().toISOString();
  let progress: SweepProgress = { checked: 0, listed: 0, listingDone: false, startedAt };

  const run = async (): Promise<SweepResult> => {
    try {
      const result = await runSweep(services, {
        id,
        signal: abort.signal,
        onProgress: (latest) => {
          progress = { ...latest };
          for (const listener of listeners) listener(progress);
        },
      });
      await saveSweep(services, result);
      services.log.info({ sweepId: id, customers: result.rows.length, ...result.stats }, 'sweep finished');
      return result;
    } finally {
      if (registry.get(key) === running) registry.delete(key);
    }
  };
  const running: Running = { id, abort, listeners, progress: () => progress, result: run() };
  registry.set(key, running);
  // Callers may have gone (closed chat, stopped job); the failure still reaches those listening.
  running.result.catch((err: unknown) => services.log.warn({ err, sweepId: id }, 'sweep failed'));
  return running;
}

/**
 * Joins the partner tenant's running sweep, or starts one: only one sweep per partner tenant runs
 * at a time, so a second `pending` (or the digest) shares the first one's Partner Center calls.
 *
 * @example
 * const handle = joinSweep(services);
 * const result = await handle.result;
 */
export function joinSweep(services: Services): SweepHandle {
  const registry = registryOf(services);
  const key = services.partner.tenantId;
  const existing = registry.get(key);
  const running = existing ?? start(services, registry, key);
  return {
    id: running.id,
    joined: existing !== undefined,
    progress: running.progress,
    result: running.result,
    onProgress(listener) {
      running.listeners.add(listener);
      return () => running.listeners.delete(listener);
    },
  };
}

/**
 * Stops running sweeps (app shutdown) and waits until they have let go of the store.
 *
 * @example
 * await stopSweeps(services); // in App.close, before the store closes
 */
export async function stopSweeps(services: Services): Promise<void> {
  const running = [...registryOf(services).values()];
  for (const sweep of running) sweep.abort.abort(new Error('shutting down'));
  await Promise.allSettled(running.map((s) => s.result));
}
