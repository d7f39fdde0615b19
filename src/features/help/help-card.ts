import { escapeMarkdown, showPlaceholders } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';

/** Commands listed on the help card, in order. Each has `help.cmd.<name>.usage|description` strings. */
const LISTED_COMMANDS = [
  'status',
  'request',
  'requests',
  'notify',
  'cancel',
  'order',
  'pending',
  'history',
  'digest',
  'invite',
  'gdap',
  'notifications',
  'webhooks',
  'failed',
  'help',
] as const;

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

export function renderHelpCard(options: HelpCardOptions): AdaptiveCard {
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
    commands: LISTED_COMMANDS.filter((name) => !available || available.includes(name)).map((name) => ({
      usage: showPlaceholders(t(s, `help.cmd.${name}.usage`)),
      description: t(s, `help.cmd.${name}.description`),
    })),
    footer: t(s, 'help.footer', { partner }),
    example: options.example ? `status ${options.example}` : '',
    exampleTitle: options.example ? t(s, 'help.example', { example: options.example }) : '',
  });
}
