import { TurnContext } from 'botbuilder';
import type { Services } from '../core/context';
import { isAppError } from '../core/errors';
import type { ConversationKind, StoredConversation } from '../store/types';
import { localeOf, tenantOf } from './turn';

/**
 * A conversation record that only its last-used time would change is written again once it is
 * this old: "most recently used" (which conversation a notice goes to) needs no finer grain, and
 * a turn then costs no store write.
 */
export const CONVERSATION_TOUCH_MS = 10 * 60_000;

/** The reference without the id of the activity it was taken from (that changes every turn). */
function sameReference(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const { activityId: _a, ...restA } = a;
  const { activityId: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

/**
 * Saves (or refreshes) this conversation's reference with its locale, for proactive messages later.
 * Writes only when something changed or the record is CONVERSATION_TOUCH_MS old.
 * Returns true when the conversation was not known before (first contact).
 */
export async function rememberConversation(
  context: TurnContext,
  services: Services,
  kind: ConversationKind,
): Promise<boolean> {
  const a = context.activity;
  const tenantId = tenantOf(context);
  const conversationId = a.conversation?.id;
  if (!tenantId || !conversationId) return false;
  const store = services.store.conversations;
  const known = await store.get(tenantId, conversationId);
  const reference = TurnContext.getConversationReference(a) as Record<string, unknown>;
  const now = services.clock.now();
  const next: StoredConversation = {
    tenantId,
    conversationId,
    kind,
    conversationType: a.conversation.conversationType ?? 'personal',
    locale: localeOf(context),
    serviceUrl: a.serviceUrl,
    reference,
    userAadObjectId: a.conversation.conversationType === 'personal' ? a.from?.aadObjectId : undefined,
    updatedAt: now.toISOString(),
  };
  if (known && unchanged(known, next, now.getTime())) return false;
  await store.save(next);
  return known === undefined;
}

function unchanged(known: StoredConversation, next: StoredConversation, now: number): boolean {
  const age = now - Date.parse(known.updatedAt);
  return (
    age >= 0 &&
    age < CONVERSATION_TOUCH_MS &&
    known.kind === next.kind &&
    known.conversationType === next.conversationType &&
    known.locale === next.locale &&
    known.serviceUrl === next.serviceUrl &&
    (known.userAadObjectId ?? undefined) === (next.userAadObjectId ?? undefined) &&
    sameReference(known.reference, next.reference)
  );
}

const GREETING = 'greeting';

/**
 * Teams announces one install twice (installationUpdate and conversationUpdate), often at the same
 * moment: the first to claim the conversation greets, the other stays quiet. A create-only record
 * makes the claim hold across instances; uninstalling releases it.
 */
export async function claimGreeting(context: TurnContext, services: Services): Promise<boolean> {
  const tenantId = tenantOf(context);
  const conversationId = context.activity.conversation?.id;
  if (!tenantId || !conversationId) return false;
  try {
    await services.store.records.put(GREETING, `${tenantId}:${conversationId}`, {
      at: services.clock.now().toISOString(),
    });
    return true;
  } catch (err) {
    if (isAppError(err, 'STORE_CONFLICT')) return false;
    throw err;
  }
}

export async function forgetConversation(context: TurnContext, services: Services): Promise<void> {
  const tenantId = tenantOf(context);
  const conversationId = context.activity.conversation?.id;
  if (!tenantId || !conversationId) return;
  await services.store.conversations.remove(tenantId, conversationId);
  await services.store.records.delete(GREETING, `${tenantId}:${conversationId}`);
}
