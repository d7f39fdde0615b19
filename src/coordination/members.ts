import type { Logger } from '../core/logger';
import type { Lease, TableLeases } from './table-leases';

/** How often an instance renews its membership and recounts the others. */
const HEARTBEAT_MS = 5_000;
/** A member that missed this many heartbeats' worth of time is gone (crashed, stopped). */
export const MEMBER_TTL_MS = 3 * HEARTBEAT_MS;
/** A joining instance waits at most this long for the others to count it (one heartbeat + margin). */
const JOIN_WAIT_MS = HEARTBEAT_MS + 1_000;
/** How often a joining instance looks whether the others have counted it. */
const JOIN_RECOUNT_MS = 500;

/**
 * The live instances of one deployment, for rate budgets: every instance renews a membership lease
 * every HEARTBEAT_MS and takes 1/N of each limit, N = the members whose lease is live. An instance
 * that stops leaves at once; one that crashes drops out after MEMBER_TTL_MS.
 *
 * Joining: the instances already running still pace at 1/(N−1) until their next heartbeat counts
 * the newcomer, and together that is the whole limit. So a newcomer takes no share (its rate-limited
 * calls wait) until every other member has renewed since it joined — at most JOIN_WAIT_MS, the
 * first instance of a deployment not at all.
 */
export interface Members {
  /** This instance's part of a shared limit: 1 / live members; 0 while joining (wait). */
  share(): number;
  count(): number;
  /**
   * Whether the instance `owner` is a live member: false once it left, or MEMBER_TTL_MS after it
   * last renewed (crashed). Unsure answers (storage trouble) are "live", the safe side.
   */
  isLive(owner: string): Promise<boolean>;
  /** Renews this membership and recounts now (also done every HEARTBEAT_MS once started). */
  refresh(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function tableMembers(leases: TableLeases, log: Logger): Members {
  let live = 1;
  let lease: Lease | undefined;
  let timer: NodeJS.Timeout | undefined;
  let joinedAt: number | undefined;
  let joining = false;
  /** True while another member has not renewed since we joined (it does not count us yet). */
  const notCountedYet = (members: Lease[]) =>
    joinedAt !== undefined &&
    leases.now() < joinedAt + JOIN_WAIT_MS &&
    members.some((m) => m.owner !== leases.owner && m.until - MEMBER_TTL_MS < joinedAt!);
  const recountWhileJoining = () => {
    if (!joining) return;
    const t = setTimeout(() => {
      leases
        .live('member')
        .then((members) => (joining = notCountedYet(members)))
        .catch(() => (joining = joinedAt !== undefined && leases.now() < joinedAt + JOIN_WAIT_MS))
        .finally(recountWhileJoining);
    }, JOIN_RECOUNT_MS);
    t.unref();
  };
  const beat = async () => {
    try {
      lease = lease
        ? ((await leases.renew('member', leases.owner, lease, MEMBER_TTL_MS)) ??
          (await leases.take('member', leases.owner, MEMBER_TTL_MS)))
        : await leases.take('member', leases.owner, MEMBER_TTL_MS);
      const members = await leases.live('member');
      if (joinedAt === undefined && lease) joinedAt = lease.until - MEMBER_TTL_MS;
      joining = notCountedYet(members);
      // Counting ourselves even when our own write was lost keeps the share on the safe side.
      live = Math.max(1, members.length + (members.some((m) => m.owner === leases.owner) ? 0 : 1));
    } catch (err) {
      log.warn({ err }, 'could not renew this instance’s membership; keeping the last count');
    }
  };
  return {
    share: () => (joining ? 0 : 1 / live),
    count: () => live,
    async isLive(owner) {
      if (owner === leases.owner) return true;
      try {
        const member = await leases.read('member', owner);
        return member !== undefined && member.until > leases.now();
      } catch (err) {
        log.warn({ err }, 'could not read a membership; treating that instance as live');
        return true;
      }
    },
    refresh: beat,
    async start() {
      await beat();
      recountWhileJoining();
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
