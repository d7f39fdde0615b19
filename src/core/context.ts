import type { Clock } from './clock';
import type { Logger } from './logger';
import type { AdaptiveCard } from '../cards/render';
import type { PartnerCenterClient } from '../partner-center';
import type { Store } from '../store/types';

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
  /** @returns the id of the new message, for later edits. */
  send(to: ConversationKey, reply: Reply): Promise<string>;
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

/** Long-lived dependencies, created once by the wiring in src/app.ts. */
export interface Services {
  partnerCenter: PartnerCenterClient;
  store: Store;
  clock: Clock;
  log: Logger;
  partner: { tenantId: string; name: string };
  links: Links;
  messenger: Messenger;
}

/** Links to the bot's own HTTP endpoints (signed where they must be). */
export interface Links {
  /** A stable link that redirects to a fresh agreement document (Partner Center links expire after 5 minutes). */
  agreementDocument(country: string, language: string): string;
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
