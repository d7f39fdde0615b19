import type { Clock } from '../core/clock';
import { AppError, isAppError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Store } from '../store/types';

/**
 * The final word on one key: it went out (with what the send returned), or nobody can tell. `index`
 * (e.g. the customer tenant) is kept in the value, not as a secondary index: nothing looks outcomes
 * up by it, and on Table storage an index is a second entity per send, kept for ever.
 */
interface Outcome {
  state: 'sent' | 'unsure';
  result?: unknown;
  at: string;
  index?: string;
}

/**
 * Exists only while a send is in flight: who is sending, since when, and for whom (`index`, e.g.
 * the customer tenant). No secondary index either: nothing looks intents up by customer, and on
 * Table storage an index costs a second entity and a tombstone on delete.
 */
interface Intent {
  owner: string;
  at: string;
  index?: string;
}

const OUTCOME = 'delivery';
const INTENT = 'delivery-intent';
/** Longer than any one send with its retries (Teams: 4 attempts, ≤ 20 s apart, plus timeouts). */
export const DEFAULT_STALE_MS = 3 * 60_000;

export interface OnceDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  /** Identifies this process; an intent of another owner may belong to a dead process. */
  owner: string;
  /** Whose name system audit entries carry (the partner tenant). */
  auditTenantId: string;
  staleMs?: number;
  /**
   * Several instances: whether the instance `owner` still runs. An intent of an instance that is
   * gone is abandoned at once instead of after `staleMs`.
   */
  isLive?: (owner: string) => Promise<boolean>;
}

export interface Once {
  /**
   * Runs `send` at most once for `key`, ever. Returns what the first successful send returned, or
   * 'unsure' when an earlier send was cut off (crash) between sending and recording it.
   * @throws AppError('DELIVERY_IN_PROGRESS') (retryable) while another send of this key may still run.
   */
  run<T>(key: string, index: string, send: () => Promise<T>): Promise<T | 'unsure'>;
  /**
   * Settles intents left by dead processes (at start-up): each becomes 'unsure', is audited, and the
   * caller's next attempt moves to the next channel. @returns how many were settled.
   */
  reconcile(olderThanMs: number): Promise<number>;
}

/**
 * At-most-once sends with an intent record written before the send (the delivery contract):
 *
 * - no record → write the intent, send, record the outcome, drop the intent;
 * - the send fails → drop the intent: the messenger and Graph throw only after a refusal or after
 *   their own retries, so nothing went out and the key may be tried again;
 * - an intent of a live sender → DELIVERY_IN_PROGRESS, try later;
 * - an intent nobody will finish (its process died between send and record) → 'unsure'. Neither
 *   Teams nor Graph can say whether that message arrived, and resending could show it twice, so the
 *   key is never sent again; the caller falls back to its next channel instead.
 *
 * @example
 * const once = createOnce({ store, clock, log, owner: randomUUID(), auditTenantId });
 * const sent = await once.run(`notice:${id}#teams`, customerTenantId, () => messenger.send(to, reply));
 */
export function createOnce(deps: OnceDeps): Once {
  const { store } = deps;
  const inFlight = new Set<string>();
  const staleMs = deps.staleMs ?? DEFAULT_STALE_MS;
  const now = () => deps.clock.now();

  const abandoned = async (key: string, intent: Intent, olderThanMs: number): Promise<boolean> => {
    if (intent.owner === deps.owner) return !inFlight.has(key);
    if (now().getTime() - Date.parse(intent.at) >= olderThanMs) return true;
    return deps.isLive ? !(await deps.isLive(intent.owner)) : false;
  };

  async function settle(key: string, index: string): Promise<'sent' | 'unsure'> {
    try {
      await store.records.put<Outcome>(OUTCOME, key, { state: 'unsure', at: now().toISOString(), index });
    } catch (err) {
      if (!isAppError(err, 'STORE_CONFLICT')) throw err;
      // The sender recorded its outcome after all; that record stands.
      await store.records.delete(INTENT, key);
      return 'sent';
    }
    await store.records.delete(INTENT, key);
    deps.log.warn({ key }, 'a send was cut off before it was recorded; not sending it again');
    await store.audit.append({
      at: now().toISOString(),
      actorAadObjectId: '',
      actorTenantId: deps.auditTenantId,
      action: 'delivery.unsure',
      customerTenantId: index || undefined,
      details: { key: key.slice(0, 200) },
    });
    return 'unsure';
  }

  /**
   * Writes the sender's outcome: usually the first record for the key (a create, the cheapest write
   * on Table storage); over an 'unsure' another instance settled meanwhile, 'sent' is the truth.
   */
  async function record(key: string, outcome: Outcome): Promise<void> {
    try {
      await store.records.put(OUTCOME, key, outcome);
    } catch (err) {
      if (!isAppError(err, 'STORE_CONFLICT')) throw err;
      await store.records.put(OUTCOME, key, outcome, '*');
    }
  }

  /**
   * Takes the key's intent. An intent already there is either a live sender's (DELIVERY_IN_PROGRESS)
   * or one nobody will finish, which is settled first; then the caller tries again (false).
   */
  async function claim(key: string, index: string): Promise<boolean> {
    try {
      await store.records.put<Intent>(INTENT, key, { owner: deps.owner, at: now().toISOString(), index });
      return true;
    } catch (err) {
      if (!isAppError(err, 'STORE_CONFLICT')) throw err;
      const other = await store.records.get<Intent>(INTENT, key);
      // This process runs one send of a key at a time (below), so its own intent is a leftover.
      if (other && other.value.owner !== deps.owner && !(await abandoned(key, other.value, staleMs))) {
        throw inProgress(key);
      }
      if (other) await settle(key, index);
      return false;
    }
  }

  /**
   * The intent is taken **before** the outcome is read. Read first, and a second instance could see
   * no outcome just before the first sender recorded it and deleted its intent, then take the free
   * key and send again. Holding the intent, the outcome read sees every send that finished earlier:
   * a sender records its outcome before it gives its intent up.
   */
  async function run<T>(key: string, index: string, send: () => Promise<T>): Promise<T | 'unsure'> {
    if (inFlight.has(key)) throw inProgress(key);
    inFlight.add(key);
    try {
      for (let tries = 0; !(await claim(key, index)); tries++) {
        if (tries >= 2) throw inProgress(key);
      }
      const done = await store.records.get<Outcome>(OUTCOME, key);
      if (done) {
        await store.records.delete(INTENT, key);
        return done.value.state === 'sent' ? (done.value.result as T) : 'unsure';
      }
      let result: T;
      try {
        result = await send();
      } catch (err) {
        await store.records.delete(INTENT, key).catch(() => undefined);
        throw err;
      }
      // The message is out. If recording fails now, the intent stays and becomes 'unsure' later.
      await record(key, { state: 'sent', result, at: now().toISOString(), index });
      await store.records.delete(INTENT, key);
      return result;
    } finally {
      inFlight.delete(key);
    }
  }

  return {
    run,
    async reconcile(olderThanMs) {
      let settled = 0;
      let after: string | undefined;
      do {
        const page = await store.records.list<Intent>(INTENT, { limit: 200, after });
        for (const item of page.items) {
          if (!(await abandoned(item.id, item.value, olderThanMs))) continue;
          const index = item.value.index ?? item.index1 ?? '';
          if ((await settle(item.id, index)) === 'unsure') settled++;
        }
        after = page.next;
      } while (after);
      return settled;
    },
  };
}

function inProgress(key: string): AppError {
  return new AppError(
    'DELIVERY_IN_PROGRESS',
    'This message is being sent right now; it is checked again shortly.',
    {
      details: { key: key.slice(0, 200) },
      retryable: true,
    },
  );
}
