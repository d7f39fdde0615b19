import { audit } from '../../core/audit';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t, type LocaleKey } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import { AppError } from '../../core/errors';
import type { CommandHandler } from '../../core/router';
import { notifyTarget, rememberNotifyTarget, type NotifySource } from './partner-channel';

/** Why notifications go to this conversation, by how it was picked. */
const WHY_HERE: Record<NotifySource, LocaleKey> = {
  chosen: 'webhook.notify.why.chosen',
  config: 'webhook.notify.why.config',
  recent: 'webhook.notify.why.recent',
};

/**
 * `notifications here`: relationship news (accepted invitations, GDAP changes) goes to this chat or
 * channel from now on, and the answer confirms the change. `notifications` alone only says where it
 * goes now and why. (Not `notify here`: `notify <customer>` is the purchase-blocked command.)
 */
export const notifications: CommandHandler = async (ctx, args) => {
  const s = stringsFor(ctx.locale);
  const word = args.trim().toLowerCase();
  if (word !== '' && word !== 'here') {
    throw new AppError(
      'INPUT_INVALID',
      'Type notifications to see where relationship news goes, or notifications here to have it posted in this conversation.',
    );
  }
  if (word === 'here') {
    await rememberNotifyTarget(ctx.services, {
      tenantId: ctx.caller.tenantId,
      conversationId: ctx.conversation.id,
    });
    await audit(ctx, 'relationships.notifications-here');
  }
  const target = await notifyTarget(ctx.services);
  const isHere = target?.conversationId === ctx.conversation.id;
  const hint = target
    ? t(s, 'webhook.notify.hint', {
        value: escapeMarkdown(`${target.tenantId}/${target.conversationId}`, 200),
      })
    : '';
  if (word === 'here') {
    return {
      card: renderNoticeCard(
        {
          title: t(s, 'webhook.notify.changed'),
          message: t(s, 'webhook.notify.message'),
          hint,
          tone: 'default',
        },
        ctx.locale,
      ),
    };
  }
  return {
    card: renderNoticeCard(
      {
        title: t(s, isHere ? 'webhook.notify.title' : 'webhook.notify.elsewhere'),
        message: isHere ? t(s, WHY_HERE[target?.source ?? 'recent']) : t(s, 'webhook.notify.how'),
        hint,
        tone: 'default',
      },
      ctx.locale,
    ),
  };
};
