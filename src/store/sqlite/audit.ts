import type { Database } from 'better-sqlite3';
import type { AuditEntry, AuditLog } from '../types.js';
import { clampLimit, compact, fromJson, guard, toJson } from './util.js';

interface AuditRow {
  id: number;
  at: string;
  actor_aad_object_id: string;
  actor_tenant_id: string;
  action: string;
  customer_tenant_id: string | null;
  details: string | null;
}

/** Append-only: this module holds no UPDATE or DELETE for `audit`, and triggers refuse them. */
export function sqliteAudit(db: Database, file: string): AuditLog {
  const insert = db.prepare<Omit<AuditRow, 'id'>>(
    `INSERT INTO audit (at, actor_aad_object_id, actor_tenant_id, action, customer_tenant_id, details)
     VALUES (@at, @actor_aad_object_id, @actor_tenant_id, @action, @customer_tenant_id, @details)`,
  );
  // One statement per filter combination, so each can use its index.
  const page = (where: string) =>
    db.prepare<{ customer?: string; actor?: string; before: number; limit: number }, AuditRow>(
      `SELECT * FROM audit WHERE id < @before ${where} ORDER BY id DESC LIMIT @limit`,
    );
  const pages = {
    all: page(''),
    customer: page('AND customer_tenant_id = @customer'),
    actor: page('AND actor_tenant_id = @actor'),
    both: page('AND customer_tenant_id = @customer AND actor_tenant_id = @actor'),
  };

  return {
    async append(entry) {
      const result = guard(file, () =>
        insert.run({
          at: entry.at,
          actor_aad_object_id: entry.actorAadObjectId,
          actor_tenant_id: entry.actorTenantId,
          action: entry.action,
          customer_tenant_id: entry.customerTenantId ?? null,
          details: entry.details === undefined ? null : toJson(entry.details, 'audit details'),
        }),
      );
      return Number(result.lastInsertRowid);
    },
    async list(query) {
      const { customerTenantId: customer, actorTenantId: actor } = query;
      const statement =
        customer !== undefined && actor !== undefined
          ? pages.both
          : customer !== undefined
            ? pages.customer
            : actor !== undefined
              ? pages.actor
              : pages.all;
      const params = {
        before: query.beforeId ?? Number.MAX_SAFE_INTEGER,
        limit: clampLimit(query.limit),
        ...(customer !== undefined && { customer }),
        ...(actor !== undefined && { actor }),
      };
      return guard(file, () => statement.all(params)).map(toEntry);
    },
  };
}

function toEntry(row: AuditRow): AuditEntry {
  return compact({
    id: row.id,
    at: row.at,
    actorAadObjectId: row.actor_aad_object_id,
    actorTenantId: row.actor_tenant_id,
    action: row.action,
    customerTenantId: row.customer_tenant_id ?? undefined,
    details: row.details === null ? undefined : fromJson<AuditEntry['details']>(row.details),
  });
}
