import { randomUUID } from 'node:crypto';
import type { Coordination } from '../coordination';
import { sharedWorkRegistry } from '../coordination/shared-work';
import { tableMembers } from '../coordination/members';
import { sharedKeyedLock, sharedSingleFlight } from '../coordination/shared';
import { tableLeases } from '../coordination/table-leases';
import type { Logger } from '../core/logger';
import type { AzureStore } from '../store/azure';

export interface CoordinationWiring {
  coordination: Coordination;
  /** Several instances: this instance's part of each rate limit (Partner Center, Teams). */
  share?: () => number;
  /**
   * Several instances: this instance's id (its membership), and whether another instance is still
   * live — a send it left half-done is settled once it is gone, not only after DEFAULT_STALE_MS.
   */
  instance?: { id: string; isLive: (id: string) => Promise<boolean> };
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Coordination across instances sharing one Azure store (see coordinationFor). */
export function sharedCoordination(azure: AzureStore, log: Logger): CoordinationWiring {
  const leases = tableLeases(azure.tables.leases, randomUUID());
  const coordinationLog = log.child({ component: 'coordination' });
  const members = tableMembers(leases, coordinationLog);
  return {
    coordination: {
      customerLock: sharedKeyedLock(leases, coordinationLog),
      singleFlight: sharedSingleFlight(leases, coordinationLog),
      sweeps: sharedWorkRegistry(leases, coordinationLog),
    },
    share: () => members.share(),
    instance: { id: leases.owner, isLive: (id) => members.isLive(id) },
    start: () => members.start(),
    stop: () => members.stop(),
  };
}
