import { audit } from '../../core/audit';
import type { FeatureContext, Reply } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { AppError } from '../../core/errors';
import { requireRole } from '../access';
import { enqueueNoticeJob, NOTICE_JOBS, noticeJobKey } from './notice-jobs';
import { findNotice, isNoticeOpen, updateNotice } from './notice-store';
import { trackingReply } from './notice-reply';

/**
 * Cancels a notice (by id or the 8-character prefix on its card): no more reminders, no release.
 * The acceptance request stays open — the MCA is still needed for the next order; it can be
 * cancelled on its own card or from `requests`.
 */
export async function withdrawNotice(ctx: FeatureContext, idOrPrefix: string): Promise<Reply> {
  await requireRole(ctx, ['admin', 'sales']);
  const found = await findNotice(ctx.services, idOrPrefix);
  if (!found) {
    throw new AppError(
      'INPUT_INVALID',
      `There is no purchase notice "${escapeMarkdown(idOrPrefix.slice(0, 40), 40)}". Use the notice id shown on its card.`,
    );
  }
  const result = await updateNotice(ctx.services, found.id, (c) =>
    isNoticeOpen(c) ? { ...c, state: 'cancelled', reminders: { sent: c.reminders.sent } } : undefined,
  );
  const after = result?.after ?? found;
  if (result && isNoticeOpen(result.before)) {
    const jobs = ctx.services.store.jobs;
    for (const type of [NOTICE_JOBS.open, NOTICE_JOBS.remind, NOTICE_JOBS.hold])
      await jobs.cancelByKey(noticeJobKey(type, found.id));
    if (found.requestId) {
      await jobs.cancelByKey(noticeJobKey(NOTICE_JOBS.remind, found.id, found.requestId));
      await jobs.cancelByKey(noticeJobKey(NOTICE_JOBS.hold, found.id, found.requestId));
    }
    await audit(ctx, 'purchase.cancelled', {
      customerTenantId: found.customerTenantId,
      details: { noticeId: found.id },
    });
    // The tracking card may live in another conversation (API notices): edit it there too.
    await enqueueNoticeJob(ctx.services, NOTICE_JOBS.track, found.id);
  }
  return trackingReply(ctx, after);
}
