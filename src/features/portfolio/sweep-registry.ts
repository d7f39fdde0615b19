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
  stop(reason: Error): void;
}

function start(services: Services): Running {
  const id = newSweepId(services.clock);
  const abort = new AbortController();
  const listeners = new Set<(progress: SweepProgress) => void>();
  const startedAt = services.clock.now().toISOString();
  let progress: SweepProgress = { checked: 0, listed: 0, listingDone: false, startedAt };

  const run = async (): Promise<SweepResult> => {
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
  };
  const running: Running = {
    id,
    listeners,
    progress: () => progress,
    result: run(),
    stop: (reason) => abort.abort(reason),
  };
  // Callers may have gone (closed chat, stopped job); the failure still reaches those listening.
  running.result.catch((err: unknown) => services.log.warn({ err, sweepId: id }, 'sweep failed'));
  return running;
}

/**
 * Joins the partner tenant's running sweep, or starts one: only one sweep per partner tenant runs
 * at a time, so a second `pending` (or the digest) shares the first one's Partner Center calls.
 *
 * @example
 * const handle = await joinSweep(services);
 * const result = await handle.result;
 */
export async function joinSweep(services: Services): Promise<SweepHandle> {
  const { work: running, joined } = await services.coordination.sweeps.join(services.partner.tenantId, () =>
    start(services),
  );
  return {
    id: running.id,
    joined,
    progress: running.progress,
    result: running.result,
    onProgress(listener) {
      running.listeners.add(listener);
      return () => running.listeners.delete(listener);
    },
  };
}
