import type { Clock } from './clock';
import type { Logger } from './logger';
import type { AdaptiveCard } from '../cards/render';
import type { PartnerCenterClient } from '../partner-center';
import type { Store } from '../store/types';
import type { Signer } from './signing';
import type { GdapClient } from '../graph/gdap';
import type { GdapAccessClient } from '../graph/gdap-access';
import type { Coordination, Hooks } from '../coordination/types';
import type { AppMemory } from './app-memory';

/**
 * What a handler returns: a card to show, or plain text. `src/teams/` turns it into an activity.
 * `afterSend` receives the id of the sent message, so long work can edit it later (progress cards).
 */
export type Reply = ({ card: AdaptiveCard; text?: undefined } | { text: string; card?: undefined }) & {
  afterSend?: (activityId: string) => void;
};

/** A conversation the bot has a stored reference for. */
export interface ConversationKey {
  tenantId: string;
  conversationId: string;
}

/**
 * Proactive messages into stored conversations, paced and retried as Teams asks
 * (src/teams/send-policy.ts). Throws TEAMS_NOT_REACHABLE when the app is gone from the conversation.
 */
export interface Messenger {
  /**
   * @param to with the stored conversation's `reference` when the caller has just read it (saves
   *   the messenger reading it again: one storage request per send on Table storage).
   * @returns the id of the new message, for later edits.
   */
  send(to: ConversationKey & { reference?: Record<string, unknown> }, reply: Reply): Promise<string>;
  update(to: ConversationKey, activityId: string, reply: Reply): Promise<void>;
}

/** Who is asking. Ids only: no names or e-mail addresses travel through features. */
export interface Caller {
  /** Teams user id (MRI, `29:…`). */
  id: string;
  /** Entra object id, when Teams sent one. */
  aadObjectId: string;
  tenantId: string;
  /** True when the caller belongs to the partner tenant (PARTNER_TENANT_ID). */
  isPartner: boolean;
}

/** Something the customer should receive: the same content as a Teams card and as an e-mail. */
export interface CustomerMessage {
  customerTenantId: string;
  /** Card for the customer's Teams conversation (already rendered in the customer's language). */
  card: AdaptiveCard;
  /** The same content for e-mail: subject and HTML (escaped), in the customer's language. */
  email: { subject: string; html: string; text: string };
  /** Where the e-mail goes when Teams is not possible (e.g. the signatory or the billing contact). */
  emailTo?: string;
  /** One delivery per key and channel, even if asked twice or after a crash. */
  idempotencyKey: string;
  /** Try this customer conversation first (where an earlier card went), then the others. */
  preferConversationId?: string;
}

export type DeliveryResult =
  | { channel: 'teams'; conversationId: string; activityId: string }
  | { channel: 'email' }
  /** Neither Teams nor e-mail: the partner forwards it (a ready mailto: link, subject and body). */
  | { channel: 'forward'; mailto: string };

/**
 * Reaches a customer the best available way: their Teams conversation with the bot, else e-mail
 * through Microsoft Graph (when configured), else a ready-to-send link for the partner.
 */
export interface CustomerDelivery {
  deliver(message: CustomerMessage): Promise<DeliveryResult>;
  /**
   * Sends into a known conversation (the partner's) at most once per key, even across a crash.
   * @returns the message's id, or undefined when an earlier attempt was cut off mid-send (it may
   * have arrived; it is not sent again).
   */
  sendOnce(key: string, to: ConversationKey, reply: Reply): Promise<string | undefined>;
}

/** What the partner's ordering system is told when a blocked order can be retried. */
export interface ReleaseNotice {
  noticeId: string;
  orderReference: string;
  customerTenantId: string;
  acceptedAt: string;
}

/** Posts a signed release to PURCHASE_RELEASE_URL (src/delivery/release-sender.ts). */
export interface ReleaseSender {
  /** @returns the HTTP status; throws on network failure or timeout. */
  send(notice: ReleaseNotice): Promise<{ status: number }>;
}

/** Purchase-blocked notices (REMINDER_SCHEDULE, DELIVERY_MAX_ATTEMPTS, PURCHASE_RELEASE_*). */
export interface PurchaseSettings {
  /** When reminders go out, as offsets from the notice, ascending (at most 4). */
  reminderOffsetsMs: readonly number[];
  /** Attempts of each outbound message job before it is dead-lettered (shown by `failed`). */
  maxAttempts: number;
  /** Absent when PURCHASE_RELEASE_URL is not set. */
  release?: ReleaseSender;
}

/** Portfolio sweeps and the daily digest (PORTFOLIO_CONCURRENCY, STATUS_CACHE_ACCEPTED_DAYS, DIGEST_*). */
export interface PortfolioSettings {
  concurrency: number;
  acceptedCacheDays: number;
  /** UTC time and weekdays (0 = Sunday) of the daily digest. */
  digest: { hour: number; minute: number; days: readonly number[] };
}

/** Reseller invitations, GDAP and Partner Center webhooks (RESELLER_INVITE_DAP, PARTNER_NOTIFY_CONVERSATION). */
export interface RelationshipSettings {
  /** Ask for legacy DAP in reseller invitations (the link's `DAP=` parameter). */
  inviteDap: boolean;
  /** The configured partner channel for notifications, if any. */
  notifyConversation?: ConversationKey;
  /** `${PUBLIC_URL}/api/partner-center/webhooks`, the URL registered with Partner Center. */
  webhookUrl(): string;
  /** How often invitations and GDAP requests are re-read to catch events missed while the bot was down. */
  reconcileMinutes: number;
  /** GDAP_DEFAULT_ASSIGNMENTS: role template id → security group id (a saved choice on the form wins). */
  defaultGroups?: Readonly<Record<string, string>>;
}

/** Long-lived dependencies, created once by the wiring in src/app.ts. */
export interface Services {
  partnerCenter: PartnerCenterClient;
  store: Store;
  clock: Clock;
  log: Logger;
  partner: { tenantId: string; name: string };
  links: Links;
  messenger: Messenger;
  portfolio: PortfolioSettings;
  delivery: CustomerDelivery;
  /** GDAP relationships through Microsoft Graph (src/graph/gdap.ts). */
  gdap: GdapClient;
  /** Security groups and GDAP access assignments through Microsoft Graph (src/graph/gdap-access.ts). */
  gdapAccess: GdapAccessClient;
  relationships: RelationshipSettings;
  /** HMAC over card data the bot must recognise again (customer card actions). */
  signer: Signer;
  purchases: PurchaseSettings;
  /** Locks, single-flight and the sweep registry: what must hold across instances (src/coordination/). */
  coordination: Coordination;
  /** Events features raise and others follow, registered through the router (src/coordination/). */
  hooks: Hooks;
  /** What features keep in memory between turns, this app's own (src/core/app-memory.ts). */
  memory: AppMemory;
}

/** Links to the bot's own HTTP endpoints (signed where they must be). */
export interface Links {
  /** A stable link that redirects to a fresh agreement document (Partner Center links expire after 5 minutes). */
  agreementDocument(country: string, language: string): string;
  /** The CSV of a stored portfolio sweep (as filtered on the card), signed and valid for 15 minutes. */
  portfolioCsv(sweepId: string, filter: { country?: string; state?: string }): string;
  /** The portfolio chart of a stored sweep in the reader's language, signed and valid for 14 days. */
  portfolioChart(sweepId: string, locale: string): string;
}

/** The small context every feature handler receives (bolt's listener args, hono's `c`). */
export interface FeatureContext {
  caller: Caller;
  conversation: { id: string; type: string; tenantId: string };
  /** BCP 47 locale of the client, e.g. "de-DE". */
  locale: string;
  services: Services;
  /** Child logger bound to this turn. */
  log: Logger;
  /** Set for card actions: 'automatic' when Teams refreshes a card on view, 'manual' for a click. */
  trigger?: 'automatic' | 'manual';
}
