import type { Services } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';
import type { JobOutcome, JobRunner } from '../../core/router';
import { renderPortfolioCard } from './portfolio-card';
import { chartFor } from './portfolio-reply';
import { portfolioView } from './portfolio-view';
import { nextDigestAt, scheduleDigest, type DigestPayload } from './digest-schedule';
import { getSubscription, removeSubscription } from './digest-subscriptions';
import { joinSweep } from './sweep-registry';
import { findSweep } from './sweep-store';
import type { SweepResult } from './types';

const POST = 'digest.post';
/** A digest more than this late (the bot was down) is skipped: the next one is due soon. */
const STALE_MS = 12 * 3_600_000;
/** How long one run waits for the sweep, well inside the worker's 60-second lease. */
const WAIT_MS = 20_000;
const POLL_MS = 15_000;

function payloadOf(raw: unknown): DigestPayload {
  const p = raw as Partial<DigestPayload> | null;
  if (!p || typeof p.tenantId !== 'string' || typeof p.conversationId !== 'string' || !p.dueAt) {
    throw new AppError('INTERNAL', 'A digest job without its target cannot run.');
  }
  return p as DigestPayload;
}

/** The stored sweep this digest waits for, or the one now running / just started (after a restart). */
async function sweepFor(services: Services, p: DigestPayload): Promise<SweepResult | { sweepId: string }> {
  const stored = p.sweepId ? await findSweep(services, p.sweepId) : undefined;
  if (stored) return stored;
  const handle = await joinSweep(services);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), WAIT_MS);
  });
  try {
    return (await Promise.race([handle.result, timeout])) ?? { sweepId: handle.id };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The `portfolio.digest` job: one per channel and due time. It queues the next one first (so a
 * failure never ends the chain), then posts at most once per due time: a marker is written before
 * the post, so a crash after posting — or a second run after a restart — finds it and stays quiet.
 */
export const runDigest: JobRunner = async (job, services): Promise<JobOutcome> => {
  const p = payloadOf(job.payload);
  const subscription = await getSubscription(services, p.tenantId, p.conversationId);
  if (!subscription) return { done: true };
  const now = services.clock.now();
  const due = new Date(p.dueAt);
  await scheduleDigest(services, p, nextDigestAt(due > now ? due : now, services.portfolio.digest));

  const { records } = services.store;
  const marker = `${p.tenantId}/${p.conversationId}/${p.dueAt}`;
  if (await records.get(POST, marker)) return { done: true };
  if (now.getTime() - due.getTime() > STALE_MS) {
    services.log.info({ dueAt: p.dueAt }, 'digest skipped: the bot was down at its time');
    return { done: true };
  }
  const sweep = await sweepFor(services, p);
  if (!('rows' in sweep)) {
    return {
      done: false,
      runAt: new Date(now.getTime() + POLL_MS),
      payload: { ...p, sweepId: sweep.sweepId },
    };
  }

  try {
    await records.put(POST, marker, { state: 'sending', at: now.toISOString() }, undefined, {
      index1: p.tenantId,
    });
  } catch (err) {
    if (isAppError(err, 'STORE_CONFLICT')) return { done: true }; // another run got here first
    throw err;
  }
  const card = renderPortfolioCard(portfolioView(sweep, {}, 0), {
    locale: subscription.locale,
    digest: true,
    chart: await chartFor(services, sweep, {}, 0, subscription.locale),
  });
  const to = { tenantId: p.tenantId, conversationId: p.conversationId };
  let activityId: string;
  try {
    activityId = await services.messenger.send(to, { card });
  } catch (err) {
    // The messenger says the post failed (after its own retries): nothing was posted, so a retry may post.
    await records.delete(POST, marker);
    if (isAppError(err, 'TEAMS_NOT_REACHABLE') || isAppError(err, 'CONVERSATION_UNKNOWN')) {
      await removeSubscription(services, p.tenantId, p.conversationId);
      services.log.info({ code: err.code }, 'digest channel gone; subscription removed');
      return { done: true };
    }
    throw err;
  }
  await records.put(POST, marker, { state: 'sent', at: now.toISOString(), activityId }, '*');
  return { done: true };
};
