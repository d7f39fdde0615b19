import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { sleep as defaultSleep } from '../core/clock';
import type { ConversationKey, Messenger, Reply } from '../core/context';
import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';
import { RateLimiter } from '../jobs/rate-limiter';
import type { ConversationStore } from '../store/types';
import { toActivity } from './reply';
import { TEAMS_POLICY, describeSendError, isRetryable, retryDelayMs, sendError } from './send-policy';

export interface MessengerDeps {
  adapter: CloudAdapter;
  /** MicrosoftAppId ('' with authentication off). */
  appId: string;
  conversations: ConversationStore;
  log: Logger;
  perTenantPerSecond?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Proactive sends and edits through `continueConversationAsync`, one at a time per conversation,
 * under a per-conversation and a per-tenant token bucket, retried per TEAMS_POLICY.
 */
export class TeamsMessenger implements Messenger {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly conversationLimits = new Map<string, RateLimiter>();
  private readonly tenantLimits = new Map<string, RateLimiter>();
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: MessengerDeps) {
    this.sleep = deps.sleep ?? ((ms) => defaultSleep(ms));
  }

  async send(to: ConversationKey, reply: Reply): Promise<string> {
    let id = '';
    await this.run(to, async (reference) => {
      await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
        const sent = await context.sendActivity(toActivity(reply));
        id = sent?.id ?? '';
      });
    });
    reply.afterSend?.(id);
    return id;
  }

  async update(to: ConversationKey, activityId: string, reply: Reply): Promise<void> {
    await this.run(to, async (reference) => {
      await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
        await context.updateActivity({ ...toActivity(reply), id: activityId });
      });
    });
  }

  /** Serializes per conversation (Teams asks for no parallel sends into one thread). */
  private run(
    to: ConversationKey,
    op: (reference: Partial<ConversationReference>) => Promise<void>,
  ): Promise<void> {
    const key = `${to.tenantId}/${to.conversationId}`;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.attempt(to, key, op));
    this.chains.set(key, next);
    void next
      .finally(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
      })
      .catch(() => undefined);
    return next;
  }

  private limiter(map: Map<string, RateLimiter>, key: string, perSecond: number): RateLimiter {
    let limiter = map.get(key);
    if (!limiter) {
      limiter = new RateLimiter({ permits: perSecond, perMs: 1000 });
      map.set(key, limiter);
    }
    return limiter;
  }

  private async attempt(
    to: ConversationKey,
    key: string,
    op: (reference: Partial<ConversationReference>) => Promise<void>,
  ): Promise<void> {
    const stored = await this.deps.conversations.get(to.tenantId, to.conversationId);
    if (!stored) {
      throw new AppError(
        'CONVERSATION_UNKNOWN',
        'The bot has no conversation with this chat or channel any more.',
      );
    }
    const reference = stored.reference as Partial<ConversationReference>;
    const tenant = this.limiter(
      this.tenantLimits,
      to.tenantId,
      this.deps.perTenantPerSecond ?? TEAMS_POLICY.perTenantPerSecond,
    );
    const conversation = this.limiter(this.conversationLimits, key, TEAMS_POLICY.perConversationPerSecond);
    for (let attempt = 1; ; attempt++) {
      await conversation.acquire();
      await tenant.acquire();
      try {
        await op(reference);
        return;
      } catch (err) {
        const failure = describeSendError(err);
        if (!isRetryable(failure) || attempt >= TEAMS_POLICY.maxAttempts) throw sendError(failure, err);
        const delay = retryDelayMs(failure, attempt);
        if (failure.status === 429) tenant.pause(delay);
        this.deps.log.warn(
          { status: failure.status, teamsCode: failure.code, attempt, delayMs: delay },
          'Teams send retried',
        );
        await this.sleep(delay);
      }
    }
  }
}
