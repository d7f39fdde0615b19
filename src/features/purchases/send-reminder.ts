import { audit } from '../../core/audit';
import type { JobRunner } from '../../core/router';
import { checkRequest, isOpen, loadRequest } from '../acceptance';
import { enqueueNoticeJob, NOTICE_JOBS, type NoticeJobPayload } from './notice-jobs';
import { isNoticeOpen, loadNotice, updateNotice } from './notice-store';
import { renderReminderCard, renderReminderEmail } from './reminder-card';

const LATER_MS = 60 * 60_000;

/**
 * Job `purchase.remind`: one job per notice that sleeps until the next reminder of REMINDER_SCHEDULE
 * (default day 2, 5, then weekly; at most 4). Before reminding it asks Partner Center again, so a
 * customer who accepted in the admin center is never reminded; a closed request goes to the settle
 * job. Each reminder is a new short message (an edit would not notify anyone), once per number.
 */
export const sendReminder: JobRunner = async (job, services) => {
  const { noticeId } = job.payload as NoticeJobPayload;
  const now = services.clock.now();
  const n = await loadNotice(services, noticeId);
  if (!n || !isNoticeOpen(n)) return { done: true };
  const offsets = services.purchases.reminderOffsetsMs;
  const number = n.reminders.sent + 1;
  const offset = offsets[number - 1];
  if (offset === undefined) return { done: true };
  const due = new Date(Date.parse(n.createdAt) + offset);
  if (due > now) return { done: false, runAt: due };
  if (n.state === 'opening' || !n.requestId)
    return { done: false, runAt: new Date(now.getTime() + LATER_MS) };

  let r = (await loadRequest(services, n.requestId))?.request;
  if (r?.state === 'sent') r = (await checkRequest(services, r.id)) ?? r;
  if (!r || !isOpen(r)) {
    await enqueueNoticeJob(services, NOTICE_JOBS.settle, noticeId, {
      requestId: n.requestId,
    });
    return { done: true };
  }
  // No link yet (Partner Center has been down since the notice): nothing useful to remind with.
  if (r.state === 'queued' || !r.acceptanceUrl)
    return { done: false, runAt: new Date(now.getTime() + LATER_MS) };

  const reminder = { n, r, number, of: offsets.length };
  const ownCard = n.delivery?.channel === 'teams' ? n.delivery.conversationId : undefined;
  const requestCard = r.delivery?.channel === 'teams' ? r.delivery.conversationId : undefined;
  const delivery = await services.delivery.deliver({
    customerTenantId: n.customerTenantId,
    card: renderReminderCard(reminder, services),
    email: renderReminderEmail(reminder, services),
    emailTo: r.signatory.email,
    idempotencyKey: `purchase:${n.id}:reminder:${number}`,
    preferConversationId: ownCard ?? requestCard,
  });
  const nextOffset = offsets[number];
  const next = nextOffset === undefined ? undefined : new Date(Date.parse(n.createdAt) + nextOffset);
  await updateNotice(services, noticeId, (c) =>
    c.reminders.sent >= number
      ? undefined
      : {
          ...c,
          reminders: {
            sent: number,
            nextAt: next?.toISOString(),
            mailto: delivery.channel === 'forward' ? delivery.mailto : undefined,
          },
        },
  );
  await audit({ services, caller: n.requestedBy }, 'purchase.reminded', {
    customerTenantId: n.customerTenantId,
    details: { noticeId, reminder: number, channel: delivery.channel },
    at: now.toISOString(),
  });
  await enqueueNoticeJob(services, NOTICE_JOBS.track, noticeId);
  return next ? { done: false, runAt: next } : { done: true };
};
