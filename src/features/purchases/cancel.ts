import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import type { CommandHandler } from '../../core/router';
import { requireRole } from '../access';
import { openNotices } from './notice-store';
import { withdrawNotice } from './withdraw-notice';

/** How many open notices `cancel` without an id lists. */
const LISTED = 10;

/**
 * `cancel <notice id>`: stops a purchase notice's reminders and release (see withdraw-notice.ts).
 * Without an id it cancels nothing and lists the open notices with their ids.
 */
export const cancel: CommandHandler = async (ctx, args) => {
  const id = args.trim().split(/\s+/)[0] ?? '';
  if (id !== '') return withdrawNotice(ctx, id);
  await requireRole(ctx, ['admin', 'sales']);
  const s = stringsFor(ctx.locale);
  const open = await openNotices(ctx.services, LISTED);
  const lines = open.map((n) =>
    t(s, 'purchase.cancelWhich.line', {
      id: n.id.slice(0, 8),
      company: escapeMarkdown(n.companyName),
      offer: escapeMarkdown(n.offerName, 100),
    }),
  );
  return {
    card: renderNoticeCard(
      {
        title: t(s, 'purchase.cancelWhich.title'),
        message: t(s, open.length > 0 ? 'purchase.cancelWhich.message' : 'purchase.cancelWhich.none'),
        hint: lines.join('\n\n'),
        tone: 'default',
      },
      ctx.locale,
    ),
  };
};
