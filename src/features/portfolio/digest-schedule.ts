import type { PortfolioSettings, Services } from '../../core/context';

export const DIGEST_JOB = 'portfolio.digest';
const DAY_MS = 86_400_000;

/** What a digest job carries: where to post, which due time it is, and the sweep it waits for. */
export interface DigestPayload {
  tenantId: string;
  conversationId: string;
  /** ISO time this digest is due; part of its idempotency key. */
  dueAt: string;
  sweepId?: string;
}

/**
 * The first due time strictly after `after`, at the configured UTC time on a configured weekday.
 *
 * @example
 * nextDigestAt(new Date('2026-03-06T09:00:00Z'), { hour: 8, minute: 0, days: [1, 2, 3, 4, 5] })
 * // 2026-03-09T08:00:00.000Z (Friday after 08:00 → Monday)
 */
export function nextDigestAt(after: Date, schedule: PortfolioSettings['digest']): Date {
  const day = Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate());
  for (let i = 0; i <= 7; i++) {
    const at = new Date(day + i * DAY_MS + (schedule.hour * 60 + schedule.minute) * 60_000);
    if (at > after && schedule.days.includes(at.getUTCDay())) return at;
  }
  throw new Error('The digest schedule has no weekday.');
}

/** One job per conversation and due time, ever: the store refuses a second with the same key. */
export function digestKey(target: { tenantId: string; conversationId: string }, dueAt: Date): string {
  return `digest:${target.tenantId}/${target.conversationId}:${dueAt.toISOString()}`;
}

/**
 * Queues the digest due at `dueAt`; queueing it twice (two runs, a restart) leaves one job.
 *
 * @example
 * await scheduleDigest(services, { tenantId, conversationId }, nextDigestAt(now, settings.digest));
 */
export async function scheduleDigest(
  services: Services,
  target: { tenantId: string; conversationId: string },
  dueAt: Date,
): Promise<void> {
  const payload: DigestPayload = {
    tenantId: target.tenantId,
    conversationId: target.conversationId,
    dueAt: dueAt.toISOString(),
  };
  await services.store.jobs.enqueue({
    type: DIGEST_JOB,
    payload,
    runAt: dueAt,
    idempotencyKey: digestKey(target, dueAt),
    maxAttempts: 10,
  });
}
