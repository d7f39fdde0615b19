import type { FeatureContext, Reply } from '../../core/context';
import { errorReply } from '../../core/report-error';
import { portfolioReply } from './portfolio-reply';
import { renderProgressCard } from './progress-card';
import type { SweepHandle } from './sweep-registry';
import type { PortfolioFilter } from './types';

/** Teams throttles edits of one message; every two seconds is plenty for a progress line. */
const PROGRESS_EVERY_MS = 2_000;

/**
 * Keeps one progress card current while the sweep runs, then replaces it with the result (or the
 * error). Runs in the background after the card was sent; failures are logged, never thrown.
 */
export function watchSweep(
  ctx: FeatureContext,
  handle: SweepHandle,
  target: { activityId: string; filter: PortfolioFilter },
): void {
  const { messenger } = ctx.services;
  const to = { tenantId: ctx.conversation.tenantId, conversationId: ctx.conversation.id };
  // Real time on purpose: the limit is Teams', whatever the app's clock says.
  let lastEdit = performance.now();
  let editing = false;
  let finished = false;

  const unsubscribe = handle.onProgress((progress) => {
    const now = performance.now();
    if (finished || editing || now - lastEdit < PROGRESS_EVERY_MS) return;
    lastEdit = now;
    editing = true;
    const card = renderProgressCard(progress, ctx.locale, { joined: handle.joined });
    messenger
      .update(to, target.activityId, { card })
      .catch((err: unknown) => ctx.log.info({ err }, 'progress card not updated'))
      .finally(() => (editing = false));
  });

  const options = { locale: ctx.locale, log: ctx.log, partnerName: ctx.services.partner.name };
  void handle.result
    .then(
      (sweep): Promise<Reply> => portfolioReply(ctx, sweep, target.filter, 0),
      (err: unknown): Reply => errorReply(err, options),
    )
    .then((reply) => {
      finished = true;
      unsubscribe();
      // Sent after any progress edit already queued: the messenger keeps one order per conversation.
      return messenger.update(to, target.activityId, reply);
    })
    .catch((err: unknown) => ctx.log.warn({ err }, 'portfolio result card not delivered'));
}
