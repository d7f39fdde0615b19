import { updateRecord } from '../../store/update-record';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock';
import type { Services } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';
import type { SweepResult } from './types';

const SWEEP = 'portfolio.sweep';
const INDEX = 'portfolio.sweeps';
/** Sweeps kept per partner tenant; cards of older ones say the report is gone. */
const KEPT_SWEEPS = 10;
const SWEEP_ID = /^\d{14}-[0-9a-f]{8}$/;

/**
 * Time-ordered and unguessable: `20260302080000-9f2c41d7`.
 *
 * @example
 * newSweepId(services.clock) // '20260302080000-9f2c41d7'
 */
export function newSweepId(clock: Clock): string {
  const stamp = clock.now().toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

function isSweepId(value: unknown): value is string {
  return typeof value === 'string' && SWEEP_ID.test(value);
}

/**
 * Stores a finished sweep once (pages are computed from it, so two people clicking Next at once
 * see the same list) and forgets the oldest beyond KEPT_SWEEPS.
 */
export async function saveSweep(services: Services, result: SweepResult): Promise<void> {
  const { records } = services.store;
  await records.put(SWEEP, result.id, result, undefined, { index1: result.tenantId });
  let dropped: string[] = [];
  try {
    await updateRecord<{ ids: string[] }>(records, INDEX, result.tenantId, (index) => {
      const ids = [...(index?.ids ?? []), result.id].sort();
      dropped = ids.slice(0, Math.max(0, ids.length - KEPT_SWEEPS));
      return { ids: ids.slice(dropped.length) };
    });
  } catch (err) {
    // The index kept changing (other sweeps saving): this sweep stays stored, unlisted for now.
    if (isAppError(err, 'STORE_CONFLICT')) return;
    throw err;
  }
  for (const id of dropped) await records.delete(SWEEP, id);
}

/**
 * A stored sweep of this partner, or a clear "gone" error (old card, forged id).
 *
 * @example
 * const sweep = await loadSweep(ctx.services, data.sweepId);
 */
export async function loadSweep(services: Services, id: unknown): Promise<SweepResult> {
  const found = isSweepId(id) ? await services.store.records.get<SweepResult>(SWEEP, id) : undefined;
  if (!found || found.value.tenantId !== services.partner.tenantId) {
    throw new AppError(
      'INPUT_INVALID',
      'This report is no longer kept (I keep the last ten). Type pending for a fresh one.',
    );
  }
  return found.value;
}

/** Like loadSweep, but `undefined` when it is not (or not yet) stored. */
export async function findSweep(services: Services, id: string): Promise<SweepResult | undefined> {
  return (await services.store.records.get<SweepResult>(SWEEP, id))?.value;
}
