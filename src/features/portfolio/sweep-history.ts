import type { Services } from '../../core/context';
import { isAppError } from '../../core/errors';
import type { AgreementState } from '../status';
import { ALL_STATES } from './portfolio-view';
import type { SweepResult } from './types';

const HISTORY = 'portfolio.history';
/** Sweeps the chart's trend looks back over. Summaries are small: they outlive the sweeps themselves. */
export const HISTORY_LENGTH = 30;

/** What the chart needs of one sweep: when, whether it covered everyone, and customers per state. */
export interface SweepSummary {
  sweepId: string;
  finishedAt: string;
  complete: boolean;
  counts: Record<AgreementState, number>;
}

/**
 * @example
 * summarize(sweep).counts['not-accepted'] // 3
 */
export function summarize(sweep: SweepResult): SweepSummary {
  const counts = Object.fromEntries(ALL_STATES.map((s) => [s, 0])) as Record<AgreementState, number>;
  for (const row of sweep.rows) counts[row.state]++;
  return { sweepId: sweep.id, finishedAt: sweep.finishedAt, complete: sweep.complete, counts };
}

/** Share of customers that accepted the MCA (either way), 0–1; 0 for an empty portfolio. */
export function acceptedShare(counts: Record<AgreementState, number>): number {
  const total = ALL_STATES.reduce((sum, s) => sum + counts[s], 0);
  return total === 0 ? 0 : (counts['accepted-attested'] + counts['accepted-directly']) / total;
}

/** Adds a finished sweep to the partner tenant's history, keeping the last HISTORY_LENGTH. */
export async function recordSweep(services: Services, sweep: SweepResult): Promise<void> {
  const { records } = services.store;
  for (let attempt = 0; attempt < 5; attempt++) {
    const found = await records.get<{ sweeps: SweepSummary[] }>(HISTORY, sweep.tenantId);
    const others = (found?.value.sweeps ?? []).filter((s) => s.sweepId !== sweep.id);
    const sweeps = [...others, summarize(sweep)]
      .sort((a, b) => a.sweepId.localeCompare(b.sweepId))
      .slice(-HISTORY_LENGTH);
    try {
      await records.put(HISTORY, sweep.tenantId, { sweeps }, found?.etag);
      return;
    } catch (err) {
      if (!isAppError(err, 'STORE_CONFLICT')) throw err;
    }
  }
}

/**
 * The trend behind one sweep: the complete sweeps up to it, and the sweep itself, oldest first
 * (at most HISTORY_LENGTH). A partial sweep covers part of the portfolio, so only the sweep being
 * shown may be one.
 *
 * @example
 * const trend = await sweepHistory(services, sweep);
 */
export async function sweepHistory(services: Services, sweep: SweepResult): Promise<SweepSummary[]> {
  const found = await services.store.records.get<{ sweeps: SweepSummary[] }>(HISTORY, sweep.tenantId);
  const earlier = (found?.value.sweeps ?? []).filter((s) => s.complete && s.sweepId < sweep.id);
  return [...earlier, summarize(sweep)].slice(-HISTORY_LENGTH);
}
