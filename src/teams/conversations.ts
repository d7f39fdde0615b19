import { TurnContext } from 'botbuilder';
import type { Services } from '../core/context';
import { isAppError } from '../core/errors';
import type { ConversationKind } from '../store/types';
import { localeOf, tenantOf } from './turn';

/**
 * Saves (or refreshes) this conversation's reference with its locale, for proactive messages later.
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
  await store.save({
    tenantId,
    conversationId,
    kind,
    conversationType: a.conversation.conversationType ?? 'personal',
    locale: localeOf(context),
    serviceUrl: a.serviceUrl,
    reference,
    userAadObjectId: a.conversation.conversationType === 'personal' ? a.from?.aadObjectId : undefined,
    updatedAt: services.clock.now().toISOString(),
  });
  return known === undefined;
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
