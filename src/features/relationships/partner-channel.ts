import type { ConversationKey, Services } from '../../core/context';

const SETTINGS = 'settings';

/** Why news goes where it goes: `notifications here`, PARTNER_NOTIFY_CONVERSATION, or the last partner chat. */
export type NotifySource = 'chosen' | 'config' | 'recent';
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
): Promise<(ConversationKey & { locale: string; source: NotifySource }) | undefined> {
  const conversations = services.store.conversations;
  const chosen = (await services.store.records.get<ConversationKey>(SETTINGS, NOTIFY_ID))?.value;
  const candidates: [ConversationKey | undefined, NotifySource][] = [
    [chosen, 'chosen'],
    [services.relationships.notifyConversation, 'config'],
  ];
  for (const [key, source] of candidates) {
    if (!key) continue;
    const stored = await conversations.get(key.tenantId, key.conversationId);
    if (stored)
      return {
        tenantId: stored.tenantId,
        conversationId: stored.conversationId,
        locale: stored.locale,
        source,
      };
  }
  const recent = (await conversations.listByTenant(services.partner.tenantId.toLowerCase()))
    .filter((c) => c.kind === 'partner')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  return (
    recent && {
      tenantId: recent.tenantId,
      conversationId: recent.conversationId,
      locale: recent.locale,
      source: 'recent',
    }
  );
}
