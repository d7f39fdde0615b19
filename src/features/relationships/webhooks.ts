import { audit } from '../../core/audit';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import { AppError } from '../../core/errors';
import type { CommandHandler } from '../../core/router';
import { requireRole } from '../access';
import { GDAP_EVENTS } from './gdap-event';

/** What MCA Assist acts on; test-created lets Partner Center's "send test event" reach the bot. */
const BOT_WEBHOOK_EVENTS = ['reseller-relationship-accepted-by-customer', ...GDAP_EVENTS, 'test-created'];

/**
 * `webhooks register`: registers this bot's URL and the events it handles with Partner Center
 * (POST, or PUT when a registration exists). Partner Center keeps one URL per partner, so replacing
 * another system's URL needs `webhooks register replace`. Admin agents only.
 */
export const webhooks: CommandHandler = async (ctx, args) => {
  const words = args.trim().toLowerCase().split(/\s+/);
  if (words[0] !== 'register') {
    throw new AppError(
      'INPUT_INVALID',
      'Type webhooks register to have Partner Center tell MCA Assist about accepted invitations and admin-access changes.',
    );
  }
  await requireRole(ctx, ['admin']);
  const { services } = ctx;
  const url = services.relationships.webhookUrl();
  const existing = await services.partnerCenter.getWebhookRegistration();
  const foreign = existing && existing.WebhookUrl !== url;
  if (foreign && words[1] !== 'replace') {
    throw new AppError(
      'INPUT_INVALID',
      `Partner Center allows one webhook URL per partner, and ${escapeMarkdown(existing.WebhookUrl, 200)} is registered now (another system may use it). Type webhooks register replace to point it to MCA Assist instead.`,
    );
  }
  // Keep events another registration of ours asked for; a foreign one is replaced entirely.
  const events = [...new Set([...(foreign ? [] : (existing?.WebhookEvents ?? [])), ...BOT_WEBHOOK_EVENTS])];
  const { registration, previous } = await services.partnerCenter.registerWebhook(url, events);
  await audit(ctx, 'webhooks.registered', {
    details: { events: registration.WebhookEvents.length, replaced: !!foreign },
  });
  const s = stringsFor(ctx.locale);
  const hint = [
    previous && previous.WebhookUrl !== registration.WebhookUrl
      ? t(s, 'webhook.register.replaced', { previous: escapeMarkdown(previous.WebhookUrl, 200) })
      : '',
    t(s, 'webhook.register.hint', { minutes: services.relationships.reconcileMinutes }),
  ]
    .filter(Boolean)
    .join(' ');
  return {
    card: renderNoticeCard(
      {
        title: t(s, 'webhook.register.title'),
        message: t(s, 'webhook.register.message', {
          url: escapeMarkdown(registration.WebhookUrl, 200),
          events: escapeMarkdown(registration.WebhookEvents.join(', '), 1000),
        }),
        hint,
        tone: 'default',
      },
      ctx.locale,
    ),
  };
};
