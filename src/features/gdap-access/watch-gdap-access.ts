import type { JobRunner } from '../../core/router';
import { followAccess } from './follow-access';

export const WATCH_ACCESS_JOB = 'gdap.access.watch';
/** Microsoft sets assignments up within minutes; look again after 2, 4, 8 … seconds, at most every 5 minutes, for a day. */
const MAX_ROUNDS = 300;

/** `gdap.access.watch` (job): follows new access assignments until none is pending, editing the card. */
export const watchGdapAccess: JobRunner = async (job, services) => {
  const { relationshipId, round } = job.payload as { relationshipId: string; round: number };
  const record = await followAccess(services, relationshipId);
  if (!record || !record.assignments.some((a) => a.status === 'pending') || round >= MAX_ROUNDS)
    return { done: true };
  const delay = Math.min(2_000 * 2 ** Math.min(round, 8), 300_000);
  return {
    done: false,
    runAt: new Date(services.clock.now().getTime() + delay),
    payload: { relationshipId, round: round + 1 },
  };
};
