import type { Activity } from 'botbuilder';
import type { Clock } from '../core/clock';
import type { CacheStore } from '../store/types';
import type { ActivityAnswer } from './turn-budget';

const NAMESPACE = 'teams.activity';
/** Teams retries within seconds; an hour covers any retry and keeps the table small. */
const REMEMBER_MS = 60 * 60_000;

/**
 * Teams retries a request it got no answer to, with the same activity id. The ledger runs each
 * activity once: a retry gets the first run's answer (the same invoke response), or 200 when that
 * answer is not known. Kept in the store's cache, so every instance sharing the store sees it; an
 * in-process map covers retries that arrive while the first run has not answered yet.
 */
export class ActivityLedger {
  private readonly running = new Map<string, Promise<ActivityAnswer>>();

  constructor(
    private readonly cache: CacheStore,
    private readonly clock: Clock,
  ) {}

  /** @returns the answer, and whether this was a retry answered without running the turn again. */
  async run(
    activity: Activity,
    turn: () => Promise<ActivityAnswer>,
  ): Promise<{ answer: ActivityAnswer; retried: boolean }> {
    const key = activity.id ? `${activity.channelId}|${activity.conversation.id}|${activity.id}` : undefined;
    if (!key) return { answer: await turn(), retried: false };
    const earlier = this.running.get(key);
    if (earlier) return { answer: await earlier, retried: true };
    let settle!: (answer: Promise<ActivityAnswer>) => void;
    const pending = new Promise<ActivityAnswer>((resolve) => (settle = resolve));
    pending.catch(() => undefined); // a failure is reported to the first caller; retries see it too
    this.running.set(key, pending);
    try {
      const seen = await this.cache.get<{ answer?: ActivityAnswer }>(NAMESPACE, key);
      if (seen) {
        const answer = seen.answer ?? { status: 200 };
        settle(Promise.resolve(answer));
        return { answer, retried: true };
      }
      await this.cache.put(NAMESPACE, key, {}, this.expiry());
      const answer = turn();
      settle(answer);
      const value = await answer;
      // A plain 200 (every message) is what a retry gets without a stored answer: no second write.
      if (!isPlainOk(value)) await this.cache.put(NAMESPACE, key, { answer: value }, this.expiry());
      return { answer: value, retried: false };
    } catch (err) {
      settle(Promise.reject(err instanceof Error ? err : new Error(String(err))));
      throw err;
    } finally {
      this.running.delete(key);
    }
  }

  private expiry(): Date {
    return new Date(this.clock.now().getTime() + REMEMBER_MS);
  }
}

function isPlainOk(answer: ActivityAnswer): boolean {
  return answer.status === 200 && answer.body === undefined && answer.headers === undefined;
}
