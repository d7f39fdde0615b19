import type { JobRunner } from '../../core/router';
import { renderCustomerCard, loadRequest } from '../acceptance';
import type { NoticeJobPayload } from './notice-jobs';
import { loadNotice } from './notice-store';

/**
 * Job `purchase.ready`: edits the notice's own on-hold card in the customer's chat to "You're all
 * set — <partner> can now complete your order of <offer>". An edit is idempotent, so a repeat is
 * harmless. (A card the request sent itself is edited by the acceptance flow.)
 */
export const sendAllSet: JobRunner = async (job, services) => {
  const { noticeId } = job.payload as NoticeJobPayload;
  const n = await loadNotice(services, noticeId);
  if (!n || n.state !== 'accepted' || n.delivery?.channel !== 'teams' || !n.requestId) return { done: true };
  const r = (await loadRequest(services, n.requestId))?.request;
  if (!r) return { done: true };
  const to = { tenantId: n.customerTenantId, conversationId: n.delivery.conversationId };
  await services.messenger.update(to, n.delivery.activityId, {
    card: renderCustomerCard(r, services, { purchase: { offerName: n.offerName, quantity: n.quantity } }),
  });
  return { done: true };
};
