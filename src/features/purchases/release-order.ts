import { audit } from '../../core/audit';
import { AppError } from '../../core/errors';
import type { JobRunner } from '../../core/router';
import { enqueueNoticeJob, NOTICE_JOBS, type NoticeJobPayload } from './notice-jobs';
import { loadNotice, updateNotice } from './notice-store';

/**
 * Job `purchase.release`: tells the partner's ordering system (PURCHASE_RELEASE_URL) that the order
 * can be retried — `{ noticeId, orderReference, customerTenantId, acceptedAt }`, HMAC-signed
 * (src/delivery/release-sender.ts). Anything but a 2xx is retried with backoff for hours; the
 * receiver drops repeats by noticeId, since a 2xx lost on the way back means one more delivery.
 */
export const releaseOrder: JobRunner = async (job, services) => {
  const { noticeId } = job.payload as NoticeJobPayload;
  const release = services.purchases.release;
  const n = await loadNotice(services, noticeId);
  if (!release || !n || n.state !== 'accepted' || n.release?.state === 'delivered') return { done: true };
  const { status } = await release
    .send({
      noticeId,
      orderReference: n.orderReference,
      customerTenantId: n.customerTenantId,
      acceptedAt: n.acceptedAt ?? services.clock.now().toISOString(),
    })
    .catch((err: unknown) => {
      throw new AppError(
        'RELEASE_UNAVAILABLE',
        'The ordering system could not be reached (PURCHASE_RELEASE_URL).',
        {
          cause: err,
          retryable: true,
        },
      );
    });
  if (status < 200 || status > 299) {
    throw new AppError(
      'RELEASE_UNAVAILABLE',
      `The ordering system answered the order release with HTTP ${status}.`,
      {
        details: { status },
        retryable: true,
      },
    );
  }
  const at = services.clock.now().toISOString();
  await updateNotice(services, noticeId, (c) => ({ ...c, release: { state: 'delivered', at, status } }));
  await audit({ services, caller: n.requestedBy }, 'purchase.released', {
    customerTenantId: n.customerTenantId,
    details: { noticeId, status },
    at,
  });
  await enqueueNoticeJob(services, NOTICE_JOBS.track, noticeId);
  return { done: true };
};
