import type { FeatureContext, Reply } from '../../core/context';
import type { CommandHandler } from '../../core/router';
import { escapeMarkdown } from '../../cards/escape';
import { formatDateTime } from '../../cards/format';
import { perLocale } from '../../cards/intl-cache';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate } from '../../cards/render';
import { listOpenRequests } from './request-store';

const MAX_ROWS = 20;

const relativeTime = perLocale((locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));

function age(fromIso: string, now: Date, locale: string): string {
  const minutes = Math.round((now.getTime() - Date.parse(fromIso)) / 60_000);
  const rtf = relativeTime(locale);
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  if (minutes < 48 * 60) return rtf.format(-Math.round(minutes / 60), 'hour');
  return rtf.format(-Math.round(minutes / 1440), 'day');
}

/** The list of open requests as it is now, with an optional line on top (what a click on it did; escaped). */
export async function requestsListReply(ctx: FeatureContext, note = ''): Promise<Reply> {
  const s = stringsFor(ctx.locale);
  const now = ctx.services.clock.now();
  const open = await listOpenRequests(ctx.services, MAX_ROWS);
  return {
    card: renderTemplate('requests-list', ctx.locale, {
      title: t(s, 'requests.title', { count: open.length }),
      note,
      empty: open.length === 0 ? t(s, 'requests.empty') : '',
      rows: open.map((r) => ({
        requestId: r.id,
        companyName: escapeMarkdown(r.companyName),
        summary: t(s, 'requests.summary', {
          // Only open requests are listed: queued or sent.
          state: t(s, r.state === 'queued' ? 'state.queued' : 'state.sent'),
          age: age(r.createdAt, now, ctx.locale),
          lastCheck: r.lastCheckedAt ? formatDateTime(r.lastCheckedAt, ctx.locale) : t(s, 'requests.never'),
        }),
      })),
    }),
  };
}

/** `requests`: open acceptance requests with age and last check; each can be opened or cancelled. */
export const requests: CommandHandler = async (ctx) => requestsListReply(ctx);
