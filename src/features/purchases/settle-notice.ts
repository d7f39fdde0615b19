import { audit } from '../../core/audit';
import type { Services } from '../../core/context';
import type { JobRunner } from '../../core/router';
import { isOpen, loadRequest, type AcceptanceRequest } from '../acceptance';
import { attachRequest } from './attach-request';
import { enqueueNoticeJob, NOTICE_JOBS, noticeJobKey, type NoticeJobPayload } from './notice-jobs';
import { isNoticeOpen, loadNotice, updateNotice, type PurchaseNotice } from './notice-store';

async function accepted(services: Services, n: PurchaseNotice, r: AcceptanceRequest): Promise<void> {
  const acceptedAt = r.acceptedAt ?? services.clock.now().toISOString();
  const release = services.purchases.release ? { state: 'pending' as const } : undefined;
  const result = await updateNotice(services, n.id, (c) =>
    isNoticeOpen(c)
      ? { ...c, state: 'accepted', acceptedAt, release, reminders: { sent: c.reminders.sent } }
      : undefined,
  );
  if (!result || !isNoticeOpen(result.before)) return;
  await audit({ services, caller: n.requestedBy }, 'purchase.accepted', {
    customerTenantId: n.customerTenantId,
    details: { noticeId: n.id, requestId: r.id },
  });
  if (n.customerCard === 'own') await enqueueNoticeJob(services, NOTICE_JOBS.ready, n.id);
  await enqueueNoticeJob(services, NOTICE_JOBS.retryNote, n.id);
  if (release) await enqueueNoticeJob(services, NOTICE_JOBS.release, n.id);
}

async function close(
  services: Services,
  n: PurchaseNotice,
  state: 'cancelled' | 'expired',
  code: string,
): Promise<void> {
  await updateNotice(services, n.id, (c) => (isNoticeOpen(c) ? { ...c, state, lastError: code } : undefined));
}

/**
 * Job `purchase.settle`: the notice's request closed. Accepted: the customer's own card is edited to
 * "all set", the partner is told which order to retry, the ordering system is released. The
 * partner cancelled the request: the notice ends too. The link expired (or Partner Center refused
 * it) while reminders remain: a fresh request, so the order is not stuck; else the notice expires.
 */
export const settleNotice: JobRunner = async (job, services) => {
  const { noticeId } = job.payload as NoticeJobPayload;
  const n = await loadNotice(services, noticeId);
  if (!n || !isNoticeOpen(n) || !n.requestId) return { done: true };
  const r = (await loadRequest(services, n.requestId))?.request;
  if (r && isOpen(r)) return { done: true };
  if (r?.state === 'accepted') await accepted(services, n, r);
  else if (r?.state === 'cancelled') await close(services, n, 'cancelled', 'REQUEST_CANCELLED');
  else if (n.reminders.sent < services.purchases.reminderOffsetsMs.length) await attachRequest(services, n);
  else await close(services, n, 'expired', `REQUEST_${(r?.state ?? 'gone').toUpperCase()}`);
  for (const requestId of [undefined, n.requestId])
    await services.store.jobs.cancelByKey(noticeJobKey(NOTICE_JOBS.remind, noticeId, requestId));
  const after = await loadNotice(services, noticeId);
  // A renewed request keeps the reminders going.
  if (after?.state === 'open' && after.reminders.nextAt) {
    await enqueueNoticeJob(services, NOTICE_JOBS.remind, noticeId, {
      runAt: new Date(after.reminders.nextAt),
      requestId: after.requestId,
    });
  }
  await enqueueNoticeJob(services, NOTICE_JOBS.track, noticeId);
  return { done: true };
};
