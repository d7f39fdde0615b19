import { randomUUID } from 'node:crypto';
import type { CustomerDelivery, CustomerMessage, DeliveryResult, Messenger } from '../core/context';
import { isAppError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Clock } from '../core/clock';
import type { Store, StoredConversation } from '../store/types';
import { createOnce } from './once';

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
  /** The partner tenant: the actor of system audit entries (a send that may have been cut off). */
  partnerTenantId?: string;
  /**
   * Several instances on one store: this instance's id and whether another one is live, so a send
   * a crashed instance left half-done is settled as soon as its membership ends. Default: a random
   * id, and foreign intents count as abandoned by age only.
   */
  instance?: { id: string; isLive: (id: string) => Promise<boolean> };
}

/** CustomerDelivery plus what only the wiring calls. */
export interface DeliveryEngine extends CustomerDelivery {
  /**
   * At start-up: settles sends a dead process left half-done (see src/delivery/once.ts).
   * `olderThanMs` 0 with the SQLite store, which one process owns; more with shared storage.
   */
  reconcile(olderThanMs: number): Promise<number>;
}

const MAILTO_BODY_MAX = 1800;

/**
 * Reaches the customer once per channel and key: Teams (the preferred conversation, then the
 * newest), then e-mail, then a mailto: link for the partner. Intent is recorded before each send; a
 * send that may have happened before a crash is never repeated on that channel — the next channel is
 * used instead (src/delivery/once.ts explains why).
 */
export function createCustomerDelivery(deps: DeliveryDeps): DeliveryEngine {
  const { store } = deps;
  const once = createOnce({
    store,
    clock: deps.clock,
    log: deps.log,
    owner: deps.instance?.id ?? randomUUID(),
    isLive: deps.instance?.isLive,
    auditTenantId: deps.partnerTenantId ?? '',
  });
  const key = (message: CustomerMessage, channel: DeliveryResult['channel']) =>
    `${message.idempotencyKey}#${channel}`;

  async function sendTo(
    c: StoredConversation,
    message: CustomerMessage,
  ): Promise<DeliveryResult | undefined> {
    try {
      // The reference just read goes along, so the messenger need not read it again.
      const to = { tenantId: c.tenantId, conversationId: c.conversationId, reference: c.reference };
      const activityId = await deps.messenger.send(to, { card: message.card });
      return { channel: 'teams', conversationId: c.conversationId, activityId };
    } catch (err) {
      if (!isAppError(err, 'TEAMS_NOT_REACHABLE') && !isAppError(err, 'CONVERSATION_UNKNOWN')) throw err;
      deps.log.info({ code: err.code }, 'customer conversation unreachable; removing it');
      await store.conversations.remove(c.tenantId, c.conversationId);
      return undefined;
    }
  }

  /** The preferred conversation first (read alone: a tenant may have many), then the newest. */
  async function viaTeams(message: CustomerMessage): Promise<DeliveryResult | undefined> {
    const { customerTenantId, preferConversationId: prefer } = message;
    const preferred = prefer ? await store.conversations.get(customerTenantId, prefer) : undefined;
    if (preferred?.kind === 'customer') {
      const sent = await sendTo(preferred, message);
      if (sent) return sent;
    }
    const others = (await store.conversations.listByTenant(customerTenantId))
      .filter((c) => c.kind === 'customer' && c.conversationId !== prefer)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    for (const c of others) {
      const sent = await sendTo(c, message);
      if (sent) return sent;
    }
    return undefined;
  }

  return {
    async deliver(message) {
      const index = message.customerTenantId;
      const teams = await once
        .run(key(message, 'teams'), index, async () => {
          const result = await viaTeams(message);
          if (!result) throw Object.assign(new Error('no Teams conversation'), { noTeams: true });
          return result;
        })
        .catch((err: unknown) => {
          if ((err as { noTeams?: boolean }).noTeams) return undefined;
          throw err;
        });
      if (teams && teams !== 'unsure') return teams;

      if (deps.mail && message.emailTo) {
        const { sender, from } = deps.mail;
        const to = message.emailTo;
        const email = await once.run(key(message, 'email'), index, async () => {
          await sender.sendMail({ from, to, subject: message.email.subject, html: message.email.html });
          return { channel: 'email' } as const;
        });
        if (email !== 'unsure') return email;
      }
      return { channel: 'forward', mailto: mailto(message) };
    },
    async sendOnce(id, to, reply) {
      const sent = await once.run(id, to.tenantId, () => deps.messenger.send(to, reply));
      return sent === 'unsure' ? undefined : sent;
    },
    reconcile: (olderThanMs) => once.reconcile(olderThanMs),
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
