import { localCoordination } from '../coordination';
import type { Logger } from '../core/logger';
import type { AzureStore } from '../store/azure';
import type { CoordinationWiring } from './shared-coordination';

export type { CoordinationWiring } from './shared-coordination';

/**
 * One instance (SQLite): everything in process memory, whole rate limits. Several instances
 * (STORE=azure): the customer lock and single-flight hold across instances through lease entities
 * in Table storage, a sweep running on one instance is joined from the others, and each instance
 * paces itself at 1/N of every limit (N = live instances) — src/wiring/shared-coordination.ts,
 * loaded only then (it brings the Azure Tables SDK).
 */
export async function coordinationFor(
  azure: AzureStore | undefined,
  log: Logger,
): Promise<CoordinationWiring> {
  if (!azure)
    return { coordination: localCoordination(), start: async () => undefined, stop: async () => undefined };
  const { sharedCoordination } = await import('./shared-coordination.js');
  return sharedCoordination(azure, log);
}
