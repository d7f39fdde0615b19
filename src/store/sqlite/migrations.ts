/**
 * Schema of the SQLite store, as an ordered list of migrations. Never edit a migration that has
 * shipped: add the next version. Each one runs in its own transaction and is recorded in
 * `schema_migrations`.
 *
 * Times the code compares (expiry, run-at, leases) are INTEGER epoch milliseconds; times that are
 * only shown (`conversations.updated_at`, `audit.at`) are ISO text as the caller gave them.
 */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'conversations, audit, cache',
    up: `
      CREATE TABLE conversations (
        tenant_id          TEXT NOT NULL,
        conversation_id    TEXT NOT NULL,
        kind               TEXT NOT NULL CHECK (kind IN ('partner', 'customer')),
        conversation_type  TEXT NOT NULL,
        locale             TEXT NOT NULL,
        service_url        TEXT NOT NULL,
        reference          TEXT NOT NULL,
        user_aad_object_id TEXT,
        updated_at         TEXT NOT NULL,
        PRIMARY KEY (tenant_id, conversation_id)
      ) WITHOUT ROWID;

      CREATE TABLE audit (
        id                  INTEGER PRIMARY KEY AUTOINCREMENT,
        at                  TEXT NOT NULL,
        actor_aad_object_id TEXT NOT NULL,
        actor_tenant_id     TEXT NOT NULL,
        action              TEXT NOT NULL,
        customer_tenant_id  TEXT,
        details             TEXT
      );
      CREATE INDEX audit_by_customer ON audit (customer_tenant_id, id);
      CREATE INDEX audit_by_actor_tenant ON audit (actor_tenant_id, id);
      -- Append-only, enforced by the database and not only by the code. Retention, when it
      -- comes, is a migration that replaces audit_no_delete with a bounded rule.
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

      CREATE TABLE cache (
        namespace  TEXT NOT NULL,
        key        TEXT NOT NULL,
        value      TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (namespace, key)
      ) WITHOUT ROWID;
      CREATE INDEX cache_by_expiry ON cache (expires_at);
    `,
  },
  {
    version: 2,
    name: 'jobs, records',
    up: `
      CREATE TABLE jobs (
        id              TEXT PRIMARY KEY,
        type            TEXT NOT NULL,
        payload         TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('pending', 'done', 'dead', 'cancelled')),
        run_at          INTEGER NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        max_attempts    INTEGER NOT NULL CHECK (max_attempts >= 1),
        lease_until     INTEGER,
        last_error      TEXT,
        idempotency_key TEXT UNIQUE,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
      );
      CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'pending';
      CREATE INDEX jobs_by_status ON jobs (status, created_at);
      CREATE INDEX jobs_by_type ON jobs (type, created_at);

      CREATE TABLE records (
        kind       TEXT NOT NULL,
        id         TEXT NOT NULL,
        value      TEXT NOT NULL,
        etag       TEXT NOT NULL,
        index1     TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      ) WITHOUT ROWID;
      CREATE INDEX records_by_index1 ON records (kind, index1, id) WHERE index1 IS NOT NULL;
    `,
  },
];
