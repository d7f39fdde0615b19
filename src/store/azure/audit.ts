import type { TableClient, TransactionAction } from '@azure/data-tables';
import { AppError } from '../../core/errors.js';
import type { AuditEntry, AuditLog } from '../types.js';
import { clampLimit, compact } from '../values.js';
import * as az from './tables.js';
import type { ReadEntity } from './tables.js';

const PARTITION = 'audit';
const COUNTER = '~next';
/** Ids count down from here in RowKeys, so that ascending RowKeys list the newest first. */
const TOP = 999_999_999_999_999;
const MAX_TRIES = 50;

/**
 * Append-only and ordered across instances: one partition holds a counter entity and, per entry,
 * up to four copies keyed for the four ways the log is read (all, by customer, by actor tenant, by
 * both). The counter's ETag makes the id unique: the counter update and the copies go in one entity
 * group transaction, so an entry and its id appear together or not at all, with no gaps. This
 * module never updates or deletes an entry.
 */
export function azureAudit(table: TableClient): AuditLog {
  let counter: { next: number; etag?: string } | undefined;

  const readCounter = async () => {
    const entity = await az.readEntity(table, PARTITION, COUNTER, 'reading the audit counter');
    return entity ? { next: az.readInt(entity.next), etag: entity.etag } : { next: 1 };
  };

  return {
    async append(entry) {
      for (let attempt = 1; ; attempt++) {
        counter ??= await readCounter();
        const id = counter.next;
        const inverted = az.timeKey(TOP - id);
        const data = compact({
          partitionKey: PARTITION,
          id: az.int64(id),
          at: entry.at,
          actorAadObjectId: entry.actorAadObjectId,
          actorTenantId: entry.actorTenantId,
          action: entry.action,
          customerTenantId: entry.customerTenantId,
          ...(entry.details !== undefined && az.packJson('details', entry.details, 'audit details')),
        });
        const next = { partitionKey: PARTITION, rowKey: COUNTER, next: az.int64(id + 1) };
        const actions: TransactionAction[] = [
          counter.etag ? ['update', next, 'Replace', { etag: counter.etag }] : ['create', next],
          ...rowKeys(entry, inverted).map((rowKey): TransactionAction => ['create', { ...data, rowKey }]),
        ];
        try {
          const result = await table.submitTransaction(actions);
          const etag = result.subResponses[0]?.etag?.trim();
          counter = etag ? { next: id + 1, etag } : undefined;
          return id;
        } catch (err) {
          counter = undefined;
          const status = az.statusOf(err);
          if (status !== 409 && status !== 412) throw az.toStoreError('appending to the audit log', err);
          if (attempt >= MAX_TRIES) {
            throw new AppError('STORE_UNAVAILABLE', 'The audit log is too busy to append to; try again.', {
              retryable: true,
            });
          }
          // Another instance took this id: back off a little (with jitter) and take the next.
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * attempt)));
        }
      }
    },

    async list(query) {
      const { customerTenantId: customer, actorTenantId: actor } = query;
      const prefix =
        customer !== undefined && actor !== undefined
          ? `ca|${az.encodeKey(customer)}|${az.encodeKey(actor)}|`
          : customer !== undefined
            ? `c|${az.encodeKey(customer)}|`
            : actor !== undefined
              ? `a|${az.encodeKey(actor)}|`
              : 'all|';
      const before = query.beforeId ?? TOP;
      const filter =
        `PartitionKey eq ${az.lit(PARTITION)} and RowKey gt ${az.lit(prefix + az.timeKey(TOP - before))} ` +
        `and RowKey lt ${az.lit(`${prefix}\uffff`)}`;
      const rows = await az.queryAll(table, filter, 'reading the audit log', clampLimit(query.limit));
      return rows.map(toEntry);
    },
  };
}

function rowKeys(entry: AuditEntry, inverted: string): string[] {
  const keys = [`all|${inverted}`, `a|${az.encodeKey(entry.actorTenantId)}|${inverted}`];
  if (entry.customerTenantId !== undefined) {
    const customer = az.encodeKey(entry.customerTenantId);
    keys.push(`c|${customer}|${inverted}`, `ca|${customer}|${az.encodeKey(entry.actorTenantId)}|${inverted}`);
  }
  return keys;
}

function toEntry(e: ReadEntity): AuditEntry {
  return compact({
    id: az.readInt(e.id),
    at: e.at as string,
    actorAadObjectId: e.actorAadObjectId as string,
    actorTenantId: e.actorTenantId as string,
    action: e.action as string,
    customerTenantId: e.customerTenantId as string | undefined,
    details: e.details === undefined ? undefined : az.unpackJson<AuditEntry['details']>(e, 'details'),
  });
}
