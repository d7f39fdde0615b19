import { sleep } from '../../core/clock';
import { asBackground } from '../../core/priority';
import type { Services } from '../../core/context';
import { AppError } from '../../core/errors';
import { runSweep } from './sweep';
import { recordSweep } from './sweep-history';
import { findSweep, newSweepId, saveSweep } from './sweep-store';
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

/** Where a running sweep's progress is published for callers on other instances. */
const PROGRESS = 'portfolio.progress';
/** How often the progress is published, and how often a caller elsewhere reads it. */
const PUBLISH_EVERY_MS = 2_000;
const FOLLOW_EVERY_MS = 1_000;
/** A sweep elsewhere whose progress has not moved for this long is taken for stopped (its instance died). */
const STALLED_MS = 2 * 60_000;

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
  // Real time: the pace of the writes matters, not the app's clock.
  let published = Number.NEGATIVE_INFINITY;
  const publish = () => {
    if (performance.now() - published < PUBLISH_EVERY_MS) return;
    published = performance.now();
    services.store.records
      .put(PROGRESS, id, progress, '*')
      .catch((err: unknown) => services.log.info({ err, sweepId: id }, 'sweep progress not published'));
  };

  const run = async (): Promise<SweepResult> => {
    const result = await runSweep(services, {
      id,
      signal: abort.signal,
      onProgress: (latest) => {
        progress = { ...latest };
        for (const listener of listeners) listener(progress);
        publish();
      },
    });
    await saveSweep(services, result);
    await recordSweep(services, result);
    services.log.info({ sweepId: id, customers: result.rows.length, ...result.stats }, 'sweep finished');
    return result;
  };
  const running: Running = {
    id,
    listeners,
    progress: () => progress,
    // A sweep is background work, also when a person's `pending` started it (they see its progress).
    result: asBackground(run),
    stop: (reason) => abort.abort(reason),
  };
  // Callers may have gone (closed chat, stopped job); the failure still reaches those listening.
  running.result.catch((err: unknown) => services.log.warn({ err, sweepId: id }, 'sweep failed'));
  return running;
}

/**
 * A sweep running on another instance, followed through the store: its published progress, then
 * its saved result.
 */
function follow(services: Services, id: string): Running {
  const listeners = new Set<(progress: SweepProgress) => void>();
  const abort = new AbortController();
  let progress: SweepProgress = {
    checked: 0,
    listed: 0,
    listingDone: false,
    startedAt: services.clock.now().toISOString(),
  };
  const result = (async (): Promise<SweepResult> => {
    let seen = '';
    let movedAt = performance.now();
    for (;;) {
      const done = await findSweep(services, id);
      if (done) return done;
      const latest = await services.store.records.get<SweepProgress>(PROGRESS, id);
      const text = JSON.stringify(latest?.value ?? null);
      if (latest && text !== seen) {
        seen = text;
        movedAt = performance.now();
        progress = latest.value;
        for (const listener of listeners) listener(progress);
      }
      if (performance.now() - movedAt > STALLED_MS) {
        throw new AppError('INTERNAL', 'The portfolio check running elsewhere stopped. Type pending again.', {
          retryable: true,
        });
      }
      await sleep(FOLLOW_EVERY_MS, abort.signal);
    }
  })();
  result.catch((err: unknown) => services.log.warn({ err, sweepId: id }, 'followed sweep failed'));
  return { id, listeners, progress: () => progress, result, stop: (reason) => abort.abort(reason) };
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
  const { work: running, joined } = await services.coordination.sweeps.join(
    services.partner.tenantId,
    () => start(services),
    (id) => follow(services, id),
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
