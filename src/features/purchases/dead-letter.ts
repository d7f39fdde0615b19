import { audit } from '../../core/audit';
import type { Services } from '../../core/context';
import { asAppError, type AppError } from '../../core/errors';
import type { JobRunner } from '../../core/router';
import type { Job } from '../../store/types';
import { enqueueNoticeJob, NOTICE_JOBS, type NoticeJobPayload } from './notice-jobs';
import { updateNotice } from './notice-store';

/** How long a message another attempt may still be sending waits before it is looked at again. */
const IN_PROGRESS_WAIT_MS = 30_000;

async function record(services: Services, job: Job, err: AppError): Promise<void> {
  const { noticeId } = job.payload as NoticeJobPayload;
  const n = await updateNotice(services, noticeId, (c) => ({
    ...c,
    lastError: err.code,
    ...(job.type === NOTICE_JOBS.release && c.release
      ? { release: { ...c.release, state: 'failed' as const } }
      : {}),
  }));
  await audit({ services }, 'delivery.dead-letter', {
    customerTenantId: n?.after.customerTenantId,
    details: { jobId: job.id, jobType: job.type, noticeId, code: err.code, attempts: job.attempts },
  });
  if (job.type !== NOTICE_JOBS.track) await enqueueNoticeJob(services, NOTICE_JOBS.track, noticeId);
}

/**
 * Wraps a notice job: on its last attempt a failure is written to the audit log and shown on the
 * partner's card before the worker dead-letters the job (`failed` lists it). A message another
 * attempt may still be sending is not a failure: the job looks again later.
 *
 * @example
 * router.job(NOTICE_JOBS.hold, withDeadLetter(sendHoldNotice));
 */
export function withDeadLetter(runner: JobRunner): JobRunner {
  return async (job, services, signal) => {
    try {
      return await runner(job, services, signal);
    } catch (thrown) {
      const err = asAppError(thrown);
      if (err.code === 'DELIVERY_IN_PROGRESS') {
        return { done: false, runAt: new Date(services.clock.now().getTime() + IN_PROGRESS_WAIT_MS) };
      }
      if (job.attempts >= job.maxAttempts) {
        await record(services, job, err).catch((recordErr: unknown) =>
          services.log.error({ err: recordErr, jobId: job.id }, 'could not record a dead letter'),
        );
      }
      throw err;
    }
  };
}
