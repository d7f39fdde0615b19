import type { CustomerDelivery, CustomerMessage, DeliveryResult, Messenger } from '../core/context';
import { isAppError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Clock } from '../core/clock';
import type { Store } from '../store/types';

export interface MailSender {
  sendMail(mail: { from: string; to: string; subject: string; html: string }): Promise<void>;
}

export interface DeliveryDeps {
  store: Store;
  messenger: Messenger;
  clock: Clock;
  log: Logger;
  /** Absent when e-mail is not configured (MAIL_FROM empty). */
  mail?: { sender: MailSender; from: string };
}

type Channel = DeliveryResult['channel'];
interface DeliveryRecord {
  state: 'sending' | 'sent';
  result?: DeliveryResult;
  at: string;
}

const KIND = 'delivery';
const MAILTO_BODY_MAX = 1800;

/**
 * Reaches the customer once per channel and key: Teams (newest customer conversation first), then
 * e-mail, then a mailto: link for the partner. Intent is recorded before each send; a send that may
 * have happened before a crash is never repeated on that channel — the next channel is used instead.
 */
export function createCustomerDelivery(deps: DeliveryDeps): CustomerDelivery {
  const { store } = deps;
  const key = (message: CustomerMessage, channel: Channel) => `${message.idempotencyKey}#${channel}`;

  async function once(
    message: CustomerMessage,
    channel: Channel,
    send: () => Promise<DeliveryResult>,
  ): Promise<DeliveryResult | 'unsure'> {
    const id = key(message, channel);
    const existing = await store.records.get<DeliveryRecord>(KIND, id);
    if (existing?.value.state === 'sent' && existing.value.result) return existing.value.result;
    if (existing) return 'unsure';
    const intent: DeliveryRecord = { state: 'sending', at: deps.clock.now().toISOString() };
    const etag = await store.records.put(KIND, id, intent, undefined, { index1: message.customerTenantId });
    try {
      const result = await send();
      await store.records.put(KIND, id, { ...intent, state: 'sent', result }, etag, {
        index1: message.customerTenantId,
      });
      return result;
    } catch (err) {
      // Nothing went out: forget the intent so a later attempt may use this channel again.
      await store.records.delete(KIND, id).catch(() => undefined);
      throw err;
    }
  }

  async function viaTeams(message: CustomerMessage): Promise<DeliveryResult | undefined> {
    const conversations = (await store.conversations.listByTenant(message.customerTenantId))
      .filter((c) => c.kind === 'customer')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    for (const c of conversations) {
      const to = { tenantId: c.tenantId, conversationId: c.conversationId };
      try {
        const activityId = await deps.messenger.send(to, { card: message.card });
        return { channel: 'teams', conversationId: c.conversationId, activityId };
      } catch (err) {
        if (!isAppError(err, 'TEAMS_NOT_REACHABLE') && !isAppError(err, 'CONVERSATION_UNKNOWN')) throw err;
        deps.log.info({ code: err.code }, 'customer conversation unreachable; removing it');
        await store.conversations.remove(c.tenantId, c.conversationId);
      }
    }
    return undefined;
  }

  return {
    async deliver(message) {
      const teams = await once(message, 'teams', async () => {
        const result = await viaTeams(message);
        if (!result) throw Object.assign(new Error('no Teams conversation'), { noTeams: true });
        return result;
      }).catch((err: unknown) => {
        if ((err as { noTeams?: boolean }).noTeams) return undefined;
        throw err;
      });
      if (teams && teams !== 'unsure') return teams;

      if (deps.mail && message.emailTo) {
        const { sender, from } = deps.mail;
        const to = message.emailTo;
        const email = await once(message, 'email', async () => {
          await sender.sendMail({ from, to, subject: message.email.subject, html: message.email.html });
          return { channel: 'email' };
        });
        if (email !== 'unsure') return email;
      }
      return { channel: 'forward', mailto: mailto(message) };
    },
  };
}

function mailto(message: CustomerMessage): string {
  const body =
    message.email.text.length > MAILTO_BODY_MAX
      ? `${message.email.text.slice(0, MAILTO_BODY_MAX)}…`
      : message.email.text;
  const params = `subject=${encodeURIComponent(message.email.subject)}&body=${encodeURIComponent(body)}`;
  return `mailto:${encodeURIComponent(message.emailTo ?? '')}?${params}`;
}
