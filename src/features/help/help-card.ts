import { escapeMarkdown, showPlaceholders } from '../../cards/escape';
import { stringsFor, t, type LocaleKey } from '../../cards/i18n';
import { renderTemplate, reusedCard, type AdaptiveCard } from '../../cards/render';

/** Commands listed on the help card, in order, with their usage and description strings. */
const LISTED_COMMANDS: readonly { name: string; usage: LocaleKey; description: LocaleKey }[] = [
  { name: 'status', usage: 'help.cmd.status.usage', description: 'help.cmd.status.description' },
  { name: 'request', usage: 'help.cmd.request.usage', description: 'help.cmd.request.description' },
  { name: 'requests', usage: 'help.cmd.requests.usage', description: 'help.cmd.requests.description' },
  { name: 'notify', usage: 'help.cmd.notify.usage', description: 'help.cmd.notify.description' },
  { name: 'cancel', usage: 'help.cmd.cancel.usage', description: 'help.cmd.cancel.description' },
  { name: 'order', usage: 'help.cmd.order.usage', description: 'help.cmd.order.description' },
  { name: 'pending', usage: 'help.cmd.pending.usage', description: 'help.cmd.pending.description' },
  { name: 'history', usage: 'help.cmd.history.usage', description: 'help.cmd.history.description' },
  { name: 'digest', usage: 'help.cmd.digest.usage', description: 'help.cmd.digest.description' },
  { name: 'invite', usage: 'help.cmd.invite.usage', description: 'help.cmd.invite.description' },
  { name: 'gdap', usage: 'help.cmd.gdap.usage', description: 'help.cmd.gdap.description' },
  {
    name: 'notifications',
    usage: 'help.cmd.notifications.usage',
    description: 'help.cmd.notifications.description',
  },
  { name: 'webhooks', usage: 'help.cmd.webhooks.usage', description: 'help.cmd.webhooks.description' },
  { name: 'failed', usage: 'help.cmd.failed.usage', description: 'help.cmd.failed.description' },
  { name: 'help', usage: 'help.cmd.help.usage', description: 'help.cmd.help.description' },
];

export interface HelpCardOptions {
  locale: string;
  partnerName: string;
  variant: 'help' | 'welcome';
  /** Commands this app has registered (`order` exists in sandbox mode only); default: all listed. */
  available?: readonly string[];
  /** What the user typed that the bot did not understand. */
  unknownText?: string;
  /** A real customer name to try, e.g. the first in the portfolio. */
  example?: string;
}

/**
 * The help or welcome card. It depends only on the language, the partner's name, the variant, the
 * commands and the example, so each combination is expanded once and the same (frozen) card
 * reused; a card quoting what the user typed (`unknownText`) is expanded every time.
 */
export function renderHelpCard(options: HelpCardOptions): AdaptiveCard {
  if (options.unknownText) return expandHelpCard(options);
  const key = JSON.stringify([
    options.locale,
    options.partnerName,
    options.variant,
    options.available ?? null,
    options.example ?? '',
  ]);
  return reusedCard(`help:${key}`, () => expandHelpCard(options));
}

/** The help card expanded from its template (no reuse). */
export function expandHelpCard(options: HelpCardOptions): AdaptiveCard {
  const s = stringsFor(options.locale);
  const partner = escapeMarkdown(options.partnerName, 80);
  const welcome = options.variant === 'welcome';
  const available = options.available;
  return renderTemplate('help', options.locale, {
    title: t(s, welcome ? 'help.welcome.title' : 'help.title'),
    intro: t(s, welcome ? 'help.welcome.intro' : 'help.intro'),
    unknownText: options.unknownText
      ? t(s, 'help.unknown', { text: escapeMarkdown(options.unknownText, 80) })
      : '',
    commands: LISTED_COMMANDS.filter(({ name }) => !available || available.includes(name)).map((c) => ({
      usage: showPlaceholders(t(s, c.usage)),
      description: t(s, c.description),
    })),
    footer: t(s, 'help.footer', { partner }),
    example: options.example ? `status ${options.example}` : '',
    exampleTitle: options.example ? t(s, 'help.example', { example: options.example }) : '',
  });
}
