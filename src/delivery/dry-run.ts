import { randomUUID } from 'node:crypto';
import type { Messenger, ReleaseSender } from '../core/context';
import type { Logger } from '../core/logger';
import type { MailSender } from './customer-delivery';

/**
 * NOTIFY_DRY_RUN=true: stand-ins that log what would have gone out and send nothing. The wiring
 * (src/app.ts) picks them instead of the real senders, so no feature has a dry-run branch. Replies
 * to the person typing still go out: only proactive messages, e-mail and release calls are held.
 * Logs name conversations and notices by id only, never people or addresses.
 */
export function dryRunMessenger(log: Logger): Messenger {
  return {
    async send(to, reply) {
      const activityId = `dry-run-${randomUUID()}`;
      log.info(
        {
          dryRun: true,
          tenantId: to.tenantId,
          conversationId: to.conversationId,
          activityId,
          card: !!reply.card,
        },
        'dry run: message not sent',
      );
      reply.afterSend?.(activityId);
      return activityId;
    },
    async update(to, activityId) {
      log.info(
        { dryRun: true, tenantId: to.tenantId, conversationId: to.conversationId, activityId },
        'dry run: message edit not sent',
      );
    },
  };
}

export function dryRunMailSender(log: Logger): MailSender {
  return {
    async sendMail(mail) {
      log.info({ dryRun: true, subjectLength: mail.subject.length }, 'dry run: e-mail not sent');
    },
  };
}

export function dryRunReleaseSender(log: Logger): ReleaseSender {
  return {
    async send(notice) {
      log.info({ dryRun: true, noticeId: notice.noticeId }, 'dry run: order release not posted');
      return { status: 200 };
    },
  };
}
