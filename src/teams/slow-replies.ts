import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { Reply } from '../core/context';
import { toActivity, toInvokeResponse } from './reply';
import { answerEarly, within, type Raced } from './turn-budget';

export type VerbResult = Reply & { invokeError?: AdaptiveCardInvokeResponse };

async function send(context: TurnContext, reply: Reply): Promise<void> {
  const sent = await context.sendActivity(toActivity(reply));
  if (sent?.id) reply.afterSend?.(sent.id);
}

/** A reply not ready by then shows the typing indicator (most answers come sooner and need none). */
export const TYPING_AFTER_MS = 300;

/**
 * Replies to a message. When the handler is not done within `typingAfterMs` (if given), Teams
 * shows the typing indicator; when it is not done within `ms`, the user gets `placeholder`
 * ("still checking", or "Partner Center is throttling, retrying at …") at once, the HTTP request is
 * answered, and the placeholder is edited into the real reply when it arrives.
 *
 * @example
 * await replyWithinBudget(context, this.guard(ctx, run), () => stillChecking(ctx), 2500, TYPING_AFTER_MS);
 */
export async function replyWithinBudget(
  context: TurnContext,
  work: Promise<Reply>,
  placeholder: () => Reply,
  ms: number,
  typingAfterMs?: number,
): Promise<void> {
  const started = Date.now();
  let first: Raced<Reply> = { done: false };
  if (typingAfterMs !== undefined && typingAfterMs < ms) {
    first = await within(work, typingAfterMs);
    if (!first.done) await context.sendActivity({ type: 'typing' });
  }
  if (!first.done) first = await within(work, Math.max(0, ms - (Date.now() - started)));
  if (first.done) return send(context, first.value);
  const shown = await context.sendActivity(toActivity(placeholder()));
  answerEarly(context);
  const reply = await work;
  if (!shown?.id) return send(context, reply);
  await context.updateActivity({ ...toActivity(reply), id: shown.id });
  reply.afterSend?.(shown.id);
}

function finished(context: TurnContext, result: VerbResult): AdaptiveCardInvokeResponse {
  // The returned card replaces the card that was clicked: that message keeps its id.
  const clicked = context.activity.replyToId;
  if (!result.invokeError && clicked) result.afterSend?.(clicked);
  return result.invokeError ?? toInvokeResponse(result);
}

/**
 * Answers an `adaptiveCard/action` invoke. When the verb is not done within `ms`, the invoke
 * response is the placeholder card (it replaces the clicked card at once), and the clicked card is
 * edited into the result when it arrives.
 *
 * @example
 * return invokeWithinBudget(context, this.runVerb(...), () => stillChecking(ctx), 2500);
 */
export async function invokeWithinBudget(
  context: TurnContext,
  work: Promise<VerbResult>,
  placeholder: () => Reply,
  ms: number,
): Promise<AdaptiveCardInvokeResponse> {
  const first = await within(work, ms);
  if (first.done) return finished(context, first.value);
  const waiting = toInvokeResponse(placeholder());
  answerEarly(context, { status: 200, body: waiting });
  const { invokeError: _late, ...reply } = await work;
  const clicked = context.activity.replyToId;
  if (!clicked) {
    await send(context, reply);
  } else {
    await context.updateActivity({ ...toActivity(reply), id: clicked });
    reply.afterSend?.(clicked);
  }
  return waiting;
}
