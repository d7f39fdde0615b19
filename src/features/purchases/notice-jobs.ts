import type { Services } from '../../core/context';

/**
 * The notice's durable work. Every outbound message is its own job (one send, one retry policy,
 * one dead letter): hold (customer card), track (partner card), remind, ready (customer card
 * edit), retry-note (partner message), release (ordering system).
 */
export const NOTICE_JOBS = {
  open: 'purchase.open',
  hold: 'purchase.hold',
  track: 'purchase.track',
  remind: 'purchase.remind',
  settle: 'purchase.settle',
  ready: 'purchase.ready',
  retryNote: 'purchase.retry-note',
  release: 'purchase.release',
} as const;

export type NoticeJob = (typeof NOTICE_JOBS)[keyof typeof NOTICE_JOBS];

export interface NoticeJobPayload {
  noticeId: string;
}

/** Releases are retried for hours (until a 2xx): the ordering system may be down for maintenance. */
const RELEASE_MAX_ATTEMPTS = 30;

/**
 * The idempotency key of a notice's job: once per notice, or, for the jobs that follow the
 * notice's current acceptance request (hold, remind, settle), once per notice and request. Used
 * where the job is queued and where it is cancelled.
 *
 * @example
 * await services.store.jobs.cancelByKey(noticeJobKey(NOTICE_JOBS.remind, n.id, n.requestId));
 */
export function noticeJobKey(type: NoticeJob, noticeId: string, requestId?: string): string {
  return requestId === undefined ? `${type}:${noticeId}` : `${type}:${noticeId}:${requestId}`;
}

/**
 * Queues one job for a notice. Keyed jobs exist once per key (a second enqueue is a no-op); the
 * tracking card is edited whenever asked, so its job has no key.
 *
 * @example
 * await enqueueNoticeJob(services, NOTICE_JOBS.hold, notice.id, { requestId: request.id });
 */
export async function enqueueNoticeJob(
  services: Services,
  type: NoticeJob,
  noticeId: string,
  options: { runAt?: Date; requestId?: string } = {},
): Promise<void> {
  await services.store.jobs.enqueue<NoticeJobPayload>({
    type,
    payload: { noticeId },
    runAt: options.runAt ?? services.clock.now(),
    idempotencyKey: type === NOTICE_JOBS.track ? undefined : noticeJobKey(type, noticeId, options.requestId),
    maxAttempts: type === NOTICE_JOBS.release ? RELEASE_MAX_ATTEMPTS : services.purchases.maxAttempts,
  });
}
