import type { FeatureContext, Reply } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import { loadRequest } from '../acceptance';
import { inviteReply } from '../relationships';
import { enqueueNoticeJob, NOTICE_JOBS } from './notice-jobs';
import { updateNotice, type PurchaseNotice } from './notice-store';
import type { OpenNoticeResult } from './open-notice';
import type { Customer } from '../../partner-center/types';
import { renderTrackingCard } from './tracking-card';

export async function trackingReply(ctx: FeatureContext, n: PurchaseNotice): Promise<Reply> {
  const r = n.requestId ? (await loadRequest(ctx.services, n.requestId))?.request : undefined;
  return { card: renderTrackingCard(n, r, ctx.services, ctx.locale) };
}

/**
 * What the partner sees after `notify` or a refused `order`: "already accepted", "invite them
 * first" (with the invitation for `customer`), the existing
 * notice, or the new notice's tracking card — which is this reply, so its id is remembered for
 * the edits that follow.
 */
export async function noticeReply(
  ctx: FeatureContext,
  result: OpenNoticeResult,
  customer?: Customer,
): Promise<Reply> {
  const s = stringsFor(ctx.locale);
  if (result.kind === 'no-relationship') {
    const company = escapeMarkdown(result.status.customer.companyName);
    // The invitation to send instead, led by why nothing went to the customer.
    return inviteReply(ctx, customer, t(s, 'purchase.noRelationship', { company }));
  }
  if (result.kind === 'satisfied') {
    const company = escapeMarkdown(result.status.customer.companyName);
    return {
      card: renderNoticeCard(
        {
          title: t(s, 'purchase.alreadyAccepted.title'),
          message: t(s, 'purchase.alreadyAccepted.message', { company }),
          tone: 'default',
        },
        ctx.locale,
      ),
    };
  }
  if (result.kind === 'existing') {
    if (result.notice) return trackingReply(ctx, result.notice);
    return { text: t(s, 'purchase.alreadyOpen', { id: result.noticeId.slice(0, 8) }) };
  }
  const { services } = ctx;
  const notice = result.notice;
  return {
    ...(await trackingReply(ctx, notice)),
    afterSend: (activityId) => {
      void updateNotice(services, notice.id, (c) =>
        c.partner ? { ...c, partner: { ...c.partner, activityId } } : undefined,
      )
        // The open job may have moved on while the card was on its way: catch the card up.
        .then(() => enqueueNoticeJob(services, NOTICE_JOBS.track, notice.id))
        .catch((err: unknown) => ctx.log.warn({ err }, 'could not remember the tracking card'));
    },
  };
}
