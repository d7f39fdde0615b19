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

export interface AuditEntry {
  id?: number;
  at: string;
  /** Entra object id of the actor (no names, no e-mail). */
  actorAadObjectId: string;
  actorTenantId: string;
  /** An `AuditAction` (src/core/audit.ts) when this version wrote it; older logs may hold others. */
  action: string;
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
  /** In no particular order. */
  listByTenant(tenantId: string): Promise<StoredConversation[]>;
  remove(tenantId: string, conversationId: string): Promise<boolean>;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<number>;
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
}

/**
 * Small key/value area for cached values with an expiry (status cache, templates, roles). An
 * expired entry reads as missing. Values are JSON data.
 */
export interface CacheStore {
  get<T>(namespace: string, key: string): Promise<T | undefined>;
  put<T>(namespace: string, key: string, value: T, expiresAt: Date): Promise<void>;
  delete(namespace: string, key: string): Promise<void>;
}

export type JobStatus = 'pending' | 'done' | 'dead' | 'cancelled';

/**
 * One unit of background work (a proactive send, a reminder, a status re-check).
 *
 * Delivery is at-least-once: a worker that crashes or overruns its lease sees the same job leased
 * again, and `complete` after an expired lease may race a second run. Every worker must therefore
 * be idempotent — use `id` or `idempotencyKey` as the idempotency key of any outside write.
 */
export interface Job<P = unknown> {
  id: string;
  type: string;
  /** JSON data. Keep it small (ids, not documents): a queue message of the Azure backend holds 64 KB. */
  payload: P;
  status: JobStatus;
  /** Not before this time. */
  runAt: Date;
  /** How many times the job has been leased so far, this lease included. */
  attempts: number;
  maxAttempts: number;
  /** Set by `lease`; a lease in the past is free to take. Cleared when the job fails or finishes. */
  leaseUntil?: Date;
  lastError?: string;
  idempotencyKey?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewJob<P = unknown> {
  type: string;
  payload: P;
  runAt: Date;
  /**
   * Unique across all jobs of every status, for as long as the job is kept: enqueueing a key that
   * exists returns that job (even done or cancelled) instead of creating another.
   */
  idempotencyKey?: string;
  /** Leases before the job goes dead. Default 5. */
  maxAttempts?: number;
}

export interface JobQuery {
  status?: JobStatus;
  type?: string;
  /** Newest first. */
  limit: number;
}

/** Durable queue of jobs. Workers must be idempotent: delivery is at-least-once (see {@link Job}). */
export interface JobQueue {
  /** @returns the job's id; `created` is false when a job with the same idempotency key existed. */
  enqueue<P>(job: NewJob<P>): Promise<{ id: string; created: boolean }>;
  /**
   * Atomically takes up to `limit` pending jobs due at `now` whose lease is free or expired: sets
   * `leaseUntil = now + leaseMs` and counts an attempt. No two callers get the same job while its
   * lease runs. A job whose lease expired on its last attempt goes dead instead.
   */
  lease(now: Date, leaseMs: number, limit: number, types?: string[]): Promise<Job[]>;
  /** Marks a pending job done. @returns false if it was not pending (cancelled, dead, done, unknown). */
  complete(id: string): Promise<boolean>;
  /**
   * Records a failed attempt: the job runs again at `retryAt` (default: now) while
   * `attempts < maxAttempts`, else it goes dead with this error. @returns the job after the change.
   */
  fail(id: string, error: string, retryAt?: Date): Promise<Job | undefined>;
  /**
   * Runs a pending job again at `runAt` as a fresh start (attempts back to 0), optionally with a new
   * payload: for polls and schedules that are not failures. False when the job is no longer pending.
   */
  reschedule(id: string, runAt: Date, payload?: unknown): Promise<boolean>;
  /** Cancels a pending job. @returns false if it was not pending. */
  cancel(id: string): Promise<boolean>;
  /** Cancels the pending job with this idempotency key. @returns false if there was none pending. */
  cancelByKey(idempotencyKey: string): Promise<boolean>;
  get<P = unknown>(id: string): Promise<Job<P> | undefined>;
  getByKey<P = unknown>(idempotencyKey: string): Promise<Job<P> | undefined>;
  /** Newest first. */
  list(query: JobQuery): Promise<Job[]>;
  counts(): Promise<Record<JobStatus, number>>;
  /**
   * How many jobs are pending (due, leased or waiting to retry): the queue's depth, for the
   * telemetry gauge and for "is anything left?". Reads only the pending jobs, unlike `counts`,
   * which reads every job ever kept.
   */
  pendingCount(): Promise<number>;
}

/** A record with its version tag. The etag changes on every write and is opaque. */
export interface StoredRecord<T> {
  id: string;
  value: T;
  etag: string;
  index1?: string;
  updatedAt: Date;
}

export interface RecordPage<T> {
  /** Ordered by id. */
  items: StoredRecord<T>[];
  /** Pass as `after` to get the next page; absent on the last page. */
  next?: string;
}

/**
 * Small documents with optimistic concurrency, for feature state machines (acceptance requests,
 * purchase notices). Read, decide, then `put` with the etag read: a concurrent writer makes the put
 * throw `AppError('STORE_CONFLICT')`, and the caller re-reads and decides again.
 *
 * @example
 * const current = await store.records.get<Request>('acceptance', id);
 * await store.records.put('acceptance', id, next(current.value), current.etag, {
 *   index1: customerTenantId,
 * });
 */
export interface RecordStore {
  get<T>(kind: string, id: string): Promise<StoredRecord<T> | undefined>;
  /**
   * Writes the whole record (value and index). `etag` undefined: create only, conflict if it
   * exists. `'*'`: create or overwrite. Any other: overwrite only that version, conflict if the
   * record changed or is gone.
   * @returns the new etag.
   * @throws AppError('STORE_CONFLICT')
   */
  put<T>(kind: string, id: string, value: T, etag?: string, options?: { index1?: string }): Promise<string>;
  list<T>(kind: string, query: { limit: number; after?: string }): Promise<RecordPage<T>>;
  /** Records of `kind` whose `index1` equals the given value (e.g. a customer tenant id), by id. */
  findByIndex<T>(kind: string, index1: string, limit?: number): Promise<StoredRecord<T>[]>;
  /**
   * @returns false if there was nothing to delete.
   * @throws AppError('STORE_CONFLICT') when `etag` is given and the record has another.
   */
  delete(kind: string, id: string, etag?: string): Promise<boolean>;
}

export interface Store {
  conversations: ConversationStore;
  audit: AuditLog;
  cache: CacheStore;
  jobs: JobQueue;
  records: RecordStore;
  /** Cheap check for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
