import { audit } from '../../core/audit';
import { formatDateTime } from '../../cards/format';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import type { FeatureContext, Reply } from '../../core/context';
import { AppError } from '../../core/errors';
import type { CommandHandler } from '../../core/router';
import { nextDigestAt, scheduleDigest } from './digest-schedule';
import { addSubscription, removeSubscription } from './digest-subscriptions';

function weekdays(days: readonly number[], locale: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  } catch {
    format = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' });
  }
  // 1 January 2023 was a Sunday, so day d of that week is weekday d.
  return days.map((d) => format.format(new Date(Date.UTC(2023, 0, 1 + d)))).join(', ');
}

function notice(ctx: FeatureContext, title: string, message: string): Reply {
  return { card: renderNoticeCard({ title, message, tone: 'default' }, ctx.locale) };
}

async function digestOn(ctx: FeatureContext): Promise<Reply> {
  const { services } = ctx;
  const s = stringsFor(ctx.locale);
  const schedule = services.portfolio.digest;
  const target = { tenantId: ctx.conversation.tenantId, conversationId: ctx.conversation.id };
  const added = await addSubscription(services, {
    ...target,
    locale: ctx.locale,
    subscribedBy: ctx.caller.aadObjectId,
    subscribedAt: services.clock.now().toISOString(),
  });
  const next = nextDigestAt(services.clock.now(), schedule);
  // Also when already on: queueing is idempotent, and it mends a chain a dead job may have broken.
  await scheduleDigest(services, target, next);
  if (added) await audit(ctx, 'digest.subscribed');
  const time = `${String(schedule.hour).padStart(2, '0')}:${String(schedule.minute).padStart(2, '0')}`;
  const message = t(s, 'digest.on.message', {
    time,
    days: weekdays(schedule.days, ctx.locale),
    next: formatDateTime(next.toISOString(), ctx.locale),
  });
  return notice(ctx, t(s, added ? 'digest.on.title' : 'digest.already.title'), message);
}

async function digestOff(ctx: FeatureContext): Promise<Reply> {
  const s = stringsFor(ctx.locale);
  // The queued job finds no subscription when it comes due and ends the chain there.
  const removed = await removeSubscription(ctx.services, ctx.conversation.tenantId, ctx.conversation.id);
  if (removed) await audit(ctx, 'digest.unsubscribed');
  return notice(ctx, t(s, 'digest.off.title'), t(s, removed ? 'digest.off.message' : 'digest.off.none'));
}

/** `digest on|off` in a team channel: subscribes the channel to the daily portfolio digest, or stops it. */
export const digest: CommandHandler = async (ctx, args) => {
  const word = args.trim().toLowerCase();
  if (word !== 'on' && word !== 'off') {
    throw new AppError(
      'INPUT_INVALID',
      'Type digest on to get the MCA status of all customers in this channel every weekday morning, or digest off to stop it.',
    );
  }
  if (ctx.conversation.type !== 'channel') {
    throw new AppError(
      'INPUT_INVALID',
      'The daily digest goes to a team channel. Add MCA Assist to a team, then type digest on in the channel that should get it.',
    );
  }
  return word === 'on' ? digestOn(ctx) : digestOff(ctx);
};
