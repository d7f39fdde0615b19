import type { Services } from '../../core/context';
import type { JobRunner } from '../../core/router';
import { announceClosed } from './announce';
import { checkRequest } from './check-acceptance';
import { isOpen, updateRequest } from './request-store';

/** 1 min, 5 min, 15 min, then hourly: acceptance can take minutes to show in Partner Center. */
const STEPS_MS = [60_000, 5 * 60_000, 15 * 60_000];
const HOURLY_MS = 60 * 60_000;
const DEFAULT_WATCH_DAYS = 14;

export function firstWatchAt(services: Services): Date {
  return new Date(services.clock.now().getTime() + (STEPS_MS[0] ?? HOURLY_MS));
}

/**
 * Job `acceptance.watch`: polls one request with backoff until it is accepted, cancelled, expired,
 * or the watch period (ACCEPTANCE_WATCH_DAYS) runs out. Survives restarts: its state is the job.
 */
export function watchAcceptance(watchDays = DEFAULT_WATCH_DAYS): JobRunner {
  return async (job, services) => {
    const { requestId, step } = job.payload as { requestId: string; step: number };
    const r = await checkRequest(services, requestId);
    if (!r || !isOpen(r)) return { done: true };
    const now = services.clock.now().getTime();
    if (now - Date.parse(r.createdAt) >= watchDays * 24 * HOURLY_MS) {
      const result = await updateRequest(services, requestId, (c) =>
        isOpen(c) ? { ...c, state: 'expired' } : undefined,
      );
      if (result && isOpen(result.before)) await announceClosed(services, result.after);
      return { done: true };
    }
    const delay = STEPS_MS[step + 1] ?? HOURLY_MS;
    return { done: false, runAt: new Date(now + delay), payload: { requestId, step: step + 1 } };
  };
}
