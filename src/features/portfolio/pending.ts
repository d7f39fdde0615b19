import { audit } from '../../core/audit';
import type { CommandHandler } from '../../core/router';
import { parseFilter } from './filter';
import { renderProgressCard } from './progress-card';
import { joinSweep } from './sweep-registry';
import { watchSweep } from './watch-sweep';

/**
 * `pending [country] [state]` (alias `portfolio`): answers at once with a progress card, sweeps
 * every customer in the background (or joins the sweep already running) and edits the card into
 * the result.
 */
export const pending: CommandHandler = async (ctx, args) => {
  const filter = parseFilter(args);
  const handle = await joinSweep(ctx.services);
  await audit(ctx, 'portfolio.requested', {
    details: { sweepId: handle.id, joined: handle.joined, ...filter },
  });
  return {
    card: renderProgressCard(handle.progress(), ctx.locale, { joined: handle.joined }),
    afterSend: (activityId) => watchSweep(ctx, handle, { activityId, filter }),
  };
};
