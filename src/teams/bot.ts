import { audit } from '../core/audit';
import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type AppBasedLinkQuery,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import type { FeatureContext, Reply, Services } from '../core/context';
import { asAppError } from '../core/errors';
import { ERRORS } from '../core/error-table';
import { errorReply } from '../core/report-error';
import type { Router } from '../core/router';
import { customerInstall } from '../features/customers';
import { stillChecking, welcome } from '../features/help';
import { rememberDisplayName } from '../features/history';
import { answerComposeQuery, answerComposeSelect, answerLinkQuery } from './compose-extension';
import { claimGreeting, forgetConversation, rememberConversation } from './conversations';
import { invokeError, toActivity } from './reply';
import { invokeWithinBudget, replyWithinBudget, TYPING_AFTER_MS } from './slow-replies';
import { featureContext, localeOf } from './turn';
import { DEFAULT_STILL_CHECKING_MS } from './turn-budget';

/** Verbs are short identifiers; anything else is not from our cards. */
const VERB = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;

/**
 * Transport only: turns activities into router calls and replies into activities.
 * Everything a user can do lives in src/features/.
 */
export class McaBot extends TeamsActivityHandler {
  constructor(
    private readonly router: Router,
    private readonly services: Services,
    private readonly options: { stillCheckingMs: number } = { stillCheckingMs: DEFAULT_STILL_CHECKING_MS },
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.greet(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient?.id);
      if (botAdded) await this.greet(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await forgetConversation(context, this.services);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const botRemoved = context.activity.membersRemoved?.some(
        (m) => m.id === context.activity.recipient?.id,
      );
      if (botRemoved) await forgetConversation(context, this.services);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const value = context.activity.value as { verb?: unknown; data?: unknown } | undefined;
    // Older clients send Action.Execute as Action.Submit: a message whose value carries the verb.
    if (value && typeof value.verb === 'string') {
      const work = this.runVerb(context, value.verb, value.data ?? value, 'manual').then(
        ({ invokeError: _unused, ...reply }): Reply => reply,
      );
      const placeholder = () => stillChecking({ locale: localeOf(context), services: this.services });
      await replyWithinBudget(context, work, placeholder, this.options.stillCheckingMs);
      return;
    }
    const ctx = featureContext(context, this.services);
    await this.rememberName(ctx, context);
    if (ctx.caller.isPartner) await rememberConversation(context, this.services, 'partner');
    else if (await this.services.store.conversations.get(ctx.caller.tenantId, ctx.conversation.id)) {
      // A known customer conversation: keep its locale and service URL current.
      await rememberConversation(context, this.services, 'customer');
    }
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const clean = text.replace(/<\/?at>/g, '').trim();
    const work = this.guard(ctx, () => this.router.handleText(ctx, clean));
    const budget = this.options.stillCheckingMs;
    await replyWithinBudget(context, work, () => stillChecking(ctx), budget, TYPING_AFTER_MS);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const action = invokeValue?.action;
    const verb = typeof action?.verb === 'string' ? action.verb : '';
    if (!VERB.test(verb)) return invokeError(400, 'BadRequest', 'The card action has no valid verb.');
    const trigger = (invokeValue as { trigger?: unknown }).trigger === 'automatic' ? 'automatic' : 'manual';
    return invokeWithinBudget(
      context,
      this.runVerb(context, verb, action.data, trigger),
      () => stillChecking({ locale: localeOf(context), services: this.services }),
      this.options.stillCheckingMs,
    );
  }

  protected override handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    return answerComposeQuery(context, this.router, this.services, query);
  }

  protected override handleTeamsMessagingExtensionSelectItem(
    context: TurnContext,
    value: unknown,
  ): Promise<MessagingExtensionResponse> {
    return answerComposeSelect(context, this.router, this.services, value);
  }

  protected override handleTeamsAppBasedLinkQuery(
    context: TurnContext,
    query: AppBasedLinkQuery,
  ): Promise<MessagingExtensionResponse> {
    return answerLinkQuery(context, this.router, this.services, query);
  }

  private async runVerb(
    context: TurnContext,
    verb: string,
    data: unknown,
    trigger: 'automatic' | 'manual',
  ): Promise<Reply & { invokeError?: AdaptiveCardInvokeResponse }> {
    const ctx = featureContext(context, this.services, { verb, trigger });
    // A partner clicking in a conversation we don't know yet (e.g. after a data reset) makes it reachable.
    if (ctx.caller.isPartner && trigger === 'manual')
      await rememberConversation(context, this.services, 'partner');
    if (trigger === 'manual') await this.rememberName(ctx, context);
    const record =
      data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
    return this.guard(ctx, () => this.router.handleVerb(ctx, verb, record), { verb, data: record });
  }

  /** The name Teams shows for the user, for the history (never fails the turn). */
  private async rememberName(ctx: FeatureContext, context: TurnContext): Promise<void> {
    const from = context.activity.from;
    await rememberDisplayName(this.services, ctx.caller.tenantId, ctx.caller.aadObjectId, from?.name).catch(
      (err: unknown) => ctx.log.warn({ err }, 'could not remember the display name'),
    );
  }

  /**
   * The one catch path for commands, verbs and installs: any failure becomes a card through the
   * error funnel; for a card action (`retry` set), codes the error table answers with an invoke
   * error carry it too.
   */
  private async guard(
    ctx: FeatureContext,
    run: () => Promise<Reply>,
    retry?: { verb: string; data: Record<string, unknown> },
  ): Promise<Reply & { invokeError?: AdaptiveCardInvokeResponse }> {
    try {
      return await run();
    } catch (thrown) {
      const err = asAppError(thrown);
      await this.auditRefusal(ctx, err.code);
      const reply = errorReply(err, { ...this.reportOptions(ctx), retry });
      const status = retry && ERRORS[err.code].invokeStatus;
      return status ? { ...reply, invokeError: invokeError(status, err.code, err.message) } : reply;
    }
  }

  private reportOptions(ctx: FeatureContext) {
    return { locale: ctx.locale, log: ctx.log, partnerName: this.services.partner.name };
  }

  private async auditRefusal(ctx: FeatureContext, code: string): Promise<void> {
    // Forged customer actions are audited where they are detected (verifyCustomerAction).
    if (code !== 'NOT_PARTNER_USER') return;
    await audit(ctx, 'access.refused');
  }

  /**
   * Install or first contact. Partners: remember the conversation and greet once. Anyone else:
   * Partner Center decides whether they are a customer; only customers' conversations are kept.
   */
  private async greet(context: TurnContext): Promise<void> {
    const ctx = featureContext(context, this.services);
    if (!(await claimGreeting(context, this.services))) return;
    if (ctx.caller.isPartner) {
      const firstContact = await rememberConversation(context, this.services, 'partner');
      if (firstContact)
        await context.sendActivity(toActivity(await welcome(ctx, this.router.commandNames())));
      return;
    }
    const known = await this.services.store.conversations.get(ctx.caller.tenantId, ctx.conversation.id);
    if (known) return;
    const outcome = await this.guard(ctx, async () => {
      const { reply, remember } = await customerInstall(ctx);
      if (remember) await rememberConversation(context, this.services, 'customer');
      return reply;
    });
    await context.sendActivity(toActivity(outcome));
  }
}
