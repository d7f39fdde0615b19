import { audit } from '../../core/audit';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import type { CommandHandler } from '../../core/router';
import { notifyTarget, rememberNotifyTarget } from './partner-channel';

/**
 * `notifications here`: relationship news (accepted invitations, GDAP changes) goes to this chat or
 * channel. `notifications` alone says where it goes now. (Not `notify here`: `notify <customer>` is
 * the purchase-blocked command.)
 */
export const notifications: CommandHandler = async (ctx, args) => {
  const s = stringsFor(ctx.locale);
  const here = args.trim().toLowerCase() === 'here';
  if (here) {
    await rememberNotifyTarget(ctx.services, {
      tenantId: ctx.caller.tenantId,
      conversationId: ctx.conversation.id,
    });
    await audit(ctx, 'relationships.notifications-here');
  }
  const target = await notifyTarget(ctx.services);
  const isHere = target?.conversationId === ctx.conversation.id;
  return {
    card: renderNoticeCard(
      {
        title: t(s, isHere ? 'webhook.notify.title' : 'webhook.notify.elsewhere'),
        message: t(s, isHere ? 'webhook.notify.message' : 'webhook.notify.how'),
        hint: target
          ? t(s, 'webhook.notify.hint', {
              value: escapeMarkdown(`${target.tenantId}/${target.conversationId}`, 200),
            })
          : '',
        tone: 'default',
      },
      ctx.locale,
    ),
  };
};
