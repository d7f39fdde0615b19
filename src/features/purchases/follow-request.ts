import type { Services } from '../../core/context';
import { isOpen, type AcceptanceRequest } from '../acceptance';
import { enqueueNoticeJob, NOTICE_JOBS } from './notice-jobs';
import { isNoticeOpen, noticesForCustomer } from './notice-store';

/**
 * The acceptance side's hook (src/features/acceptance/request-hooks.ts): whenever the request a
 * notice waits on changes, the notice's tracking card is brought up to date; once it closes, the
 * settle job takes over (accepted → release the order). Only queueing happens here, so each side
 * effect keeps one owner, a job. Should the hook be missed (a crash in between), the notice's
 * reminder job finds the closed request and queues the same settle job.
 *
 * @example
 * router.on(REQUEST_CHANGED, 'purchases', followRequest);
 */
export async function followRequest(services: Services, r: AcceptanceRequest): Promise<void> {
  const waiting = (await noticesForCustomer(services, r.customerTenantId)).filter(
    (n) => n.requestId === r.id && isNoticeOpen(n),
  );
  for (const n of waiting) {
    if (isOpen(r)) await enqueueNoticeJob(services, NOTICE_JOBS.track, n.id);
    else
      await enqueueNoticeJob(services, NOTICE_JOBS.settle, n.id, {
        requestId: r.id,
      });
  }
}
