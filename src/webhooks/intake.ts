import type { Clock } from '../core/clock';
import type { Store } from '../store/types';
import { PARTNER_CENTER_EVENT_JOB, eventKey, type PartnerCenterEvent } from './event';

/** How long a seen event is remembered; events older than this are refused as replays. */
export const EVENT_MEMORY_MS = 8 * 24 * 60 * 60_000;
const MAX_EVENT_AGE_MS = 7 * 24 * 60 * 60_000;
/** Partner Center's clock may run a little ahead of ours. */
const MAX_CLOCK_SKEW_MS = 10 * 60_000;
const SEEN = 'webhook.seen';

export type IntakeOutcome = 'accepted' | 'duplicate' | 'stale';

/**
 * Queues a verified event for processing, once. The cache entry is the remembered key with an
 * expiry; the job's idempotency key makes two concurrent deliveries of one event create one job.
 * Events older than the memory are refused, so a captured request cannot be replayed later.
 *
 * @example
 * const outcome = await intakeEvent(store, clock, event); // 'accepted' | 'duplicate' | 'stale'
 */
export async function intakeEvent(
  store: Store,
  clock: Clock,
  event: PartnerCenterEvent,
): Promise<IntakeOutcome> {
  const now = clock.now();
  const age = now.getTime() - Date.parse(event.resourceChangeUtcDate);
  if (age > MAX_EVENT_AGE_MS || age < -MAX_CLOCK_SKEW_MS) return 'stale';
  const key = eventKey(event);
  if (await store.cache.get<boolean>(SEEN, key)) return 'duplicate';
  const { created } = await store.jobs.enqueue({
    type: PARTNER_CENTER_EVENT_JOB,
    payload: event,
    runAt: now,
    idempotencyKey: `pc-event:${key}`,
    maxAttempts: 8,
  });
  await store.cache.put(SEEN, key, true, new Date(now.getTime() + EVENT_MEMORY_MS));
  return created ? 'accepted' : 'duplicate';
}
