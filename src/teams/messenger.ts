import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { sleep as defaultSleep } from '../core/clock';
import type { ConversationKey, Messenger, Reply } from '../core/context';
import { AppError } from '../core/errors';
import type { Logger } from '../core/logger';
import { PacedLimiter } from '../jobs/paced-limiter';
import type { ConversationStore } from '../store/types';
import { withoutConnectorRetries } from './connector-retries';
import { paceConnectorRequests } from './paced-requests';
import { toActivity } from './reply';
import { TEAMS_POLICY, describeSendError, isRetryable, retryDelayMs, sendError } from './send-policy';

/**
 * One proactive call; `gate` takes the conversation's and the tenant's permit for its request and
 * returns what to call when its answer is back.
 */
type Operation = (
  reference: Partial<ConversationReference>,
  gate: () => Promise<() => void>,
) => Promise<void>;

/** Where a send goes; with the stored reference when the caller has it. */
type Target = ConversationKey & { reference?: Record<string, unknown> };

export interface MessengerDeps {
  adapter: CloudAdapter;
  /** MicrosoftAppId ('' with authentication off). */
  appId: string;
  conversations: ConversationStore;
  log: Logger;
  perTenantPerSecond?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Several instances: this instance's part of every tenant's and conversation's pace (1/N). */
  share?: () => number;
}

/**
 * Proactive sends and edits through `continueConversationAsync`, one at a time per conversation,
 * evenly paced under a per-conversation and a per-tenant limit (src/jobs/paced-limiter.ts says why
 * paced, not bursty), retried per TEAMS_POLICY. Each request takes its permits on its way out,
 * inside the connector's pipeline (src/teams/paced-requests.ts), so the spacing Teams sees is the
 * spacing of the grants.
 * A 429 holds back only its conversation (the retry waits inside that conversation's queue); the
 * whole tenant pauses when several conversations of it are throttled within a second, which is
 * what a tenant-wide limit looks like. Pausing the tenant on every single 429 would cost a second
 * of everyone's sending for each random throttle.
 */
export class TeamsMessenger implements Messenger {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly conversationLimits = new Map<string, PacedLimiter>();
  private readonly tenantLimits = new Map<string, PacedLimiter>();
  private readonly tenantThrottles = new Map<string, { at: number; conversation: string }[]>();
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: MessengerDeps) {
    this.sleep = deps.sleep ?? ((ms) => defaultSleep(ms));
  }

  async send(to: Target, reply: Reply): Promise<string> {
    let id = '';
    await this.run(to, (reference, gate) =>
      this.proactive(reference, gate, async (context) => {
        const sent = await context.sendActivity(toActivity(reply));
        id = sent?.id ?? '';
      }),
    );
    reply.afterSend?.(id);
    return id;
  }

  async update(to: ConversationKey, activityId: string, reply: Reply): Promise<void> {
    await this.run(to, (reference, gate) =>
      this.proactive(reference, gate, async (context) => {
        await context.updateActivity({ ...toActivity(reply), id: activityId });
      }),
    );
  }

  /**
   * One proactive call. A failure is caught inside the turn and thrown again outside it: the
   * adapter's onTurnError would otherwise swallow it, and the retry policy and the callers (who
   * fall back to e-mail on 403) would take a refused send for a delivered one.
   */
  private async proactive(
    reference: Partial<ConversationReference>,
    gate: () => Promise<() => void>,
    work: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    let failure: { error: unknown } | undefined;
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (context) => {
      withoutConnectorRetries(context);
      let answered: (() => void) | undefined;
      try {
        if (!paceConnectorRequests(context, gate)) answered = await gate();
        await work(context);
      } catch (error) {
        failure = { error };
      } finally {
        answered?.();
      }
    });
    if (failure) throw failure.error;
  }

  /** Serializes per conversation (Teams asks for no parallel sends into one thread). */
  private run(to: Target, op: Operation): Promise<void> {
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

  private limiter(map: Map<string, PacedLimiter>, key: string, perSecond: number): PacedLimiter {
    let limiter = map.get(key);
    if (!limiter) {
      limiter = new PacedLimiter({
        permits: perSecond,
        windowMs: 1000,
        marginMs: TEAMS_POLICY.windowMarginMs,
        toleranceMs: TEAMS_POLICY.lateGrantToleranceMs,
        share: this.deps.share,
      });
      map.set(key, limiter);
    }
    return limiter;
  }

  /** True when tenantThrottleBurst conversations of this tenant got a 429 within a second: a tenant-wide limit. */
  private tenantThrottled(to: ConversationKey): boolean {
    const now = Date.now();
    const recent = (this.tenantThrottles.get(to.tenantId) ?? []).filter((t) => now - t.at < 1000);
    recent.push({ at: now, conversation: to.conversationId });
    this.tenantThrottles.set(to.tenantId, recent);
    return new Set(recent.map((t) => t.conversation)).size >= TEAMS_POLICY.tenantThrottleBurst;
  }

  private async attempt(to: Target, key: string, op: Operation): Promise<void> {
    const stored = to.reference ? to : await this.deps.conversations.get(to.tenantId, to.conversationId);
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
    // Each attempt's request takes its permits on its way out (src/teams/paced-requests.ts).
    const gate = async () => {
      const inConversation = await conversation.acquireSlot();
      const inTenant = await tenant.acquireSlot();
      return () => {
        inConversation();
        inTenant();
      };
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await op(reference, gate);
        return;
      } catch (err) {
        const failure = describeSendError(err);
        if (!isRetryable(failure) || attempt >= TEAMS_POLICY.maxAttempts) throw sendError(failure, err);
        const delay = retryDelayMs(failure, attempt);
        if (failure.status === 429 && this.tenantThrottled(to)) tenant.pause(delay);
        this.deps.log.warn(
          { status: failure.status, teamsCode: failure.code, attempt, delayMs: delay },
          'Teams send retried',
        );
        await this.sleep(delay);
      }
    }
  }
}
