import { asAppError } from '../../core/errors';
import type { JobRunner } from '../../core/router';
import { attachRequest } from './attach-request';
import { enqueueNoticeJob, NOTICE_JOBS, type NoticeJobPayload } from './notice-jobs';
import { loadNotice, updateNotice } from './notice-store';

/**
 * Job `purchase.open`: joins or opens the customer's acceptance request, then queues the customer's
 * on-hold card (when the request already existed), the partner's tracking card and the first
 * reminder. A customer whose billing profile has no usable contact fails the notice, and the
 * partner's card says how to continue; Partner Center trouble is retried.
 */
export const startNotice: JobRunner = async (job, services) => {
  const { noticeId } = job.payload as NoticeJobPayload;
  const n = await loadNotice(services, noticeId);
  if (!n || n.state !== 'opening') return { done: true };
  try {
    await attachRequest(services, n);
  } catch (thrown) {
    const err = asAppError(thrown);
    if (err.retryable) throw err;
    await updateNotice(services, noticeId, (c) =>
      c.state === 'opening' ? { ...c, state: 'failed', lastError: err.code } : undefined,
    );
    await enqueueNoticeJob(services, NOTICE_JOBS.track, noticeId);
    return { done: true };
  }
  const first = services.purchases.reminderOffsetsMs[0];
  if (first !== undefined) {
    const runAt = new Date(Date.parse(n.createdAt) + first);
    await updateNotice(services, noticeId, (c) => ({
      ...c,
      reminders: { ...c.reminders, nextAt: runAt.toISOString() },
    }));
    await enqueueNoticeJob(services, NOTICE_JOBS.remind, noticeId, { runAt });
  }
  await enqueueNoticeJob(services, NOTICE_JOBS.track, noticeId);
  return { done: true };
};
