import type { JobRunner } from '../../core/router';
import { loadRequest } from '../acceptance';
import type { NoticeJobPayload } from './notice-jobs';
import { loadNotice, updateNotice, type PurchaseNotice } from './notice-store';
import { renderTrackingCard } from './tracking-card';

async function render(services: Parameters<JobRunner>[1], n: PurchaseNotice) {
  const r = n.requestId ? (await loadRequest(services, n.requestId))?.request : undefined;
  return renderTrackingCard(n, r, services, n.partner?.locale ?? 'en-US');
}

/**
 * Job `purchase.track`: brings the partner's tracking card up to date — sent once (API notices, to
 * the partner's notification channel), then edited in place. The card of a `notify` typed in Teams
 * is the reply itself; until its id is known there is nothing to edit.
 */
export const updateTrackingCard: JobRunner = async (job, services) => {
  const { noticeId } = job.payload as NoticeJobPayload;
  const n = await loadNotice(services, noticeId);
  const target = n?.partner;
  if (!n || !target || target.conversationId === '') return { done: true };
  const to = { tenantId: target.tenantId, conversationId: target.conversationId };
  if (target.activityId) {
    await services.messenger.update(to, target.activityId, { card: await render(services, n) });
    return { done: true };
  }
  if (target.viaReply) return { done: true };
  const card = await render(services, n);
  const activityId = await services.delivery.sendOnce(`purchase:${n.id}:track`, to, { card });
  if (activityId === undefined) return { done: true };
  const saved = await updateNotice(services, noticeId, (c) =>
    c.partner && !c.partner.activityId ? { ...c, partner: { ...c.partner, activityId } } : undefined,
  );
  // The notice moved on while the card was on its way (or the card went out in an earlier run).
  const latest = saved?.after ?? n;
  const fresh = await render(services, latest);
  if (JSON.stringify(fresh) !== JSON.stringify(card))
    await services.messenger.update(to, activityId, { card: fresh });
  return { done: true };
};
