import type { ConversationKey, Services } from '../../core/context';

const SETTINGS = 'settings';
const NOTIFY_ID = 'partner-notify';

/** Stores the conversation chosen with `notify here`. */
export async function rememberNotifyTarget(services: Services, target: ConversationKey): Promise<void> {
  await services.store.records.put(SETTINGS, NOTIFY_ID, target, '*');
}

/**
 * Where relationship news for the partner goes: the conversation chosen with `notify here` (the most
 * recent, deliberate choice), else PARTNER_NOTIFY_CONVERSATION, else the partner conversation used
 * most recently. Undefined when the bot has never talked to the partner.
 */
export async function notifyTarget(
  services: Services,
): Promise<(ConversationKey & { locale: string }) | undefined> {
  const conversations = services.store.conversations;
  const chosen = (await services.store.records.get<ConversationKey>(SETTINGS, NOTIFY_ID))?.value;
  for (const key of [chosen, services.relationships.notifyConversation]) {
    if (!key) continue;
    const stored = await conversations.get(key.tenantId, key.conversationId);
    if (stored)
      return { tenantId: stored.tenantId, conversationId: stored.conversationId, locale: stored.locale };
  }
  const recent = (await conversations.listByTenant(services.partner.tenantId.toLowerCase()))
    .filter((c) => c.kind === 'partner')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  return (
    recent && { tenantId: recent.tenantId, conversationId: recent.conversationId, locale: recent.locale }
  );
}
