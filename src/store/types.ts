/**
 * The storage interface. Features talk to this, never to SQL. Every method is async so that a
 * remote backend (Azure Tables/Queues) can implement the same contract; the SQLite backend is
 * synchronous underneath. Personal data is kept to what a feature needs; the audit log holds ids,
 * not names or e-mail addresses.
 */

export type ConversationKind = 'partner' | 'customer';

export interface StoredConversation {
  tenantId: string;
  conversationId: string;
  kind: ConversationKind;
  /** 'personal' | 'groupChat' | 'channel' */
  conversationType: string;
  /** Last locale seen in this conversation, e.g. "de-DE". */
  locale: string;
  serviceUrl: string;
  /** The whole Bot Framework conversation reference, as JSON-serializable data. */
  reference: Record<string, unknown>;
  /** Entra object id of the user in a personal chat, if any. */
  userAadObjectId?: string;
  updatedAt: string;
}

export type AuditAction =
  | 'status.checked'
  | 'status.refreshed'
  | 'access.refused'
  | 'action.forged'
  | (string & {});

export interface AuditEntry {
  id?: number;
  at: string;
  /** Entra object id of the actor (no names, no e-mail). */
  actorAadObjectId: string;
  actorTenantId: string;
  action: AuditAction;
  customerTenantId?: string;
  /** Small, non-personal facts (state seen, error code). */
  details?: Record<string, string | number | boolean>;
}

export interface AuditQuery {
  customerTenantId?: string;
  actorTenantId?: string;
  limit: number;
  /** Return entries with id lower than this (paging newest first). */
  beforeId?: number;
}

export interface ConversationStore {
  /** Inserts or replaces by (tenantId, conversationId). */
  save(conversation: StoredConversation): Promise<void>;
  get(tenantId: string, conversationId: string): Promise<StoredConversation | undefined>;
  listByTenant(tenantId: string): Promise<StoredConversation[]>;
  remove(tenantId: string, conversationId: string): Promise<boolean>;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<number>;
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
}

/** Small key/value area for cached values with an expiry (status cache, templates, roles). */
export interface CacheStore {
  get<T>(namespace: string, key: string): Promise<T | undefined>;
  put<T>(namespace: string, key: string, value: T, expiresAt: Date): Promise<void>;
  delete(namespace: string, key: string): Promise<void>;
}

export interface Store {
  conversations: ConversationStore;
  audit: AuditLog;
  cache: CacheStore;
  /** Cheap check for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
