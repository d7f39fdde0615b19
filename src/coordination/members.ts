import type { Logger } from '../core/logger';
import type { Lease, TableLeases } from './table-leases';

/** How often an instance renews its membership and recounts the others. */
const HEARTBEAT_MS = 5_000;
/** A member that missed this many heartbeats' worth of time is gone (crashed, stopped). */
const MEMBER_TTL_MS = 3 * HEARTBEAT_MS;

/**
 * The live instances of one deployment, for rate budgets: every instance renews a membership lease
 * every HEARTBEAT_MS and takes 1/N of each limit, N = the members whose lease is live. An instance
 * that stops leaves at once; one that crashes drops out after MEMBER_TTL_MS.
 */
export interface Members {
  /** This instance's part of a shared limit: 1 / live members. */
  share(): number;
  count(): number;
  /** Renews this membership and recounts now (also done every HEARTBEAT_MS once started). */
  refresh(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function tableMembers(leases: TableLeases, log: Logger): Members {
  let live = 1;
  let lease: Lease | undefined;
  let timer: NodeJS.Timeout | undefined;
  const beat = async () => {
    try {
      lease = lease
        ? ((await leases.renew('member', leases.owner, lease, MEMBER_TTL_MS)) ??
          (await leases.take('member', leases.owner, MEMBER_TTL_MS)))
        : await leases.take('member', leases.owner, MEMBER_TTL_MS);
      const members = await leases.live('member');
      // Counting ourselves even when our own write was lost keeps the share on the safe side.
      live = Math.max(1, members.length + (members.some((m) => m.owner === leases.owner) ? 0 : 1));
    } catch (err) {
      log.warn({ err }, 'could not renew this instance’s membership; keeping the last count');
    }
  };
  return {
    share: () => 1 / live,
    count: () => live,
    refresh: beat,
    async start() {
      await beat();
      timer = setInterval(() => void beat(), HEARTBEAT_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      if (!lease) return;
      // Not fatal: a membership nobody renews drops out after MEMBER_TTL_MS.
      await leases.release('member', leases.owner, lease).catch((err: unknown) => {
        log.warn({ err }, 'could not leave the member list; it expires by itself');
      });
    },
  };
}
