import { audit } from '../../core/audit';
import type { JobRunner } from '../../core/router';
import { renderCustomerCard, renderCustomerEmail, isOpen, loadRequest } from '../acceptance';
import { enqueueNoticeJob, NOTICE_JOBS, type NoticeJobPayload } from './notice-jobs';
import { loadNotice, updateNotice } from './notice-store';

/** While the request waits for its acceptance link (Partner Center slow or down), look again soon. */
const WAIT_FOR_LINK_MS = 60_000;

/**
 * Job `purchase.hold`: the customer's "your purchase of <offer> is on hold" card, with the acceptance
 * actions of the request it joined — Teams (where the request's card went, if there), else e-mail,
 * else a mailto: for the partner. Once per notice and request, even across a crash.
 */
export const sendHoldNotice: JobRunner = async (job, services) => {
  const { noticeId } = job.payload as NoticeJobPayload;
  const n = await loadNotice(services, noticeId);
  if (!n || n.state !== 'open' || n.customerCard !== 'own' || !n.requestId) return { done: true };
  const r = (await loadRequest(services, n.requestId))?.request;
  // A closed request is the settle job's business (it renews or closes the notice).
  if (!r || !isOpen(r)) return { done: true };
  if (r.state === 'queued' || !r.acceptanceUrl) {
    return { done: false, runAt: new Date(services.clock.now().getTime() + WAIT_FOR_LINK_MS) };
  }
  const purchase = { offerName: n.offerName, quantity: n.quantity };
  const delivery = await services.delivery.deliver({
    customerTenantId: n.customerTenantId,
    card: renderCustomerCard(r, services, { purchase }),
    email: renderCustomerEmail(r, services, purchase),
    emailTo: r.signatory.email,
    idempotencyKey: `purchase:${n.id}:hold:${r.id}`,
    preferConversationId: r.delivery?.channel === 'teams' ? r.delivery.conversationId : undefined,
  });
  await updateNotice(services, noticeId, (c) => (c.requestId === r.id ? { ...c, delivery } : undefined));
  await audit({ services, caller: n.requestedBy }, 'purchase.notified', {
    customerTenantId: n.customerTenantId,
    details: { noticeId, channel: delivery.channel },
  });
  await enqueueNoticeJob(services, NOTICE_JOBS.track, noticeId);
  return { done: true };
};
