import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { RecordStore, StoredRecord } from '../types.js';
import { clampLimit, compact } from '../values.js';
import * as az from './tables.js';
import type { ReadEntity } from './tables.js';

const RECORD = 'r|';
const INDEX = 'i|';
/** A put with '*' re-reads and tries again this often when other writers keep winning. */
const MAX_TRIES = 8;

/**
 * PartitionKey = kind. A record is one entity (RowKey `r|<id>`, its ETag is the record's etag); its
 * secondary index is a second, key-only entity `i|<index1>|<id>` in the same partition, written in
 * the same entity group transaction, so the two never disagree. A create is one transaction (no
 * read first). A delete of a record without an index is one delete conditional on the etag; one
 * with an index first turns the record into a tombstone (`live: false`) together with removing its
 * index entity — conditional on the etag — then removes the tombstone; readers treat a tombstone as
 * missing.
 */
export function azureRecords(table: TableClient, clock: Clock): RecordStore {
  const recordKey = (id: string) => `${RECORD}${az.encodeKey(id)}`;
  const indexKey = (index1: string, id: string) => `${INDEX}${az.encodeKey(index1)}|${az.encodeKey(id)}`;
  const conflict = (kind: string, id: string, why: string) =>
    new AppError('STORE_CONFLICT', `The ${kind} record ${id} ${why}; read it again and retry.`, {
      details: { kind, id },
    });
  const read = (kind: string, id: string) =>
    az.readEntity(table, az.encodeKey(kind), recordKey(id), `reading the ${kind} record ${id}`);
  const submit = (kind: string, actions: TransactionAction[]) =>
    table.submitTransaction(actions).then((r) => r.subResponses[0]?.etag?.trim());

  return {
    async get<T>(kind: string, id: string) {
      const entity = await read(kind, id);
      return entity?.live === true ? toRecord<T>(entity) : undefined;
    },

    async put<T>(kind: string, id: string, value: T, etag?: string, options: { index1?: string } = {}) {
      const partitionKey = az.encodeKey(kind);
      const index1 = options.index1;
      const entity = compact({
        partitionKey,
        rowKey: recordKey(id),
        id,
        live: true,
        ...az.packJson('value', value, `the ${kind} record ${id}`),
        index1,
        updatedAt: az.int64(clock.now().getTime()),
      });
      const indexEntity =
        index1 === undefined ? undefined : { partitionKey, rowKey: indexKey(index1, id), id };
      if (etag === undefined) {
        // A create needs no read: the transaction itself fails when the entity exists (live, or a
        // tombstone a crashed delete left, which the loop below writes over).
        const actions: TransactionAction[] = [['create', entity]];
        if (indexEntity) actions.push(['upsert', indexEntity, 'Replace']);
        try {
          const written = await submit(kind, actions);
          return written ?? (await read(kind, id))?.etag ?? '';
        } catch (err) {
          if (az.statusOf(err) !== 409) throw az.toStoreError(`writing the ${kind} record ${id}`, err);
        }
      }
      for (let attempt = 1; ; attempt++) {
        const current = await read(kind, id);
        const live = current?.live === true;
        if (etag === undefined && live) throw conflict(kind, id, 'already exists');
        if (etag !== undefined && etag !== '*' && (!live || current.etag !== etag)) {
          throw conflict(kind, id, 'changed since it was read, or was deleted');
        }
        const before = live ? (current.index1 as string | undefined) : undefined;
        const actions: TransactionAction[] = [
          current ? ['update', entity, 'Replace', { etag: current.etag }] : ['create', entity],
        ];
        if (before !== undefined && before !== index1) {
          actions.push(['delete', { partitionKey, rowKey: indexKey(before, id) }]);
        }
        if (indexEntity && index1 !== before) actions.push(['upsert', indexEntity, 'Replace']);
        try {
          const written = await submit(kind, actions);
          if (written) return written;
          const after = await read(kind, id);
          return after?.etag ?? '';
        } catch (err) {
          const status = az.statusOf(err);
          if (status !== 409 && status !== 412)
            throw az.toStoreError(`writing the ${kind} record ${id}`, err);
          // Only '*' or a create over a tombstone may go again; a given etag has lost for good.
          if (etag !== undefined && etag !== '*') throw conflict(kind, id, 'changed since it was read');
          if (attempt >= MAX_TRIES) throw conflict(kind, id, 'kept changing while it was written');
        }
      }
    },

    async list<T>(kind: string, query: { limit: number; after?: string }) {
      const limit = clampLimit(query.limit);
      const from = query.after === undefined ? RECORD : recordKey(query.after);
      const filter =
        `PartitionKey eq ${az.lit(az.encodeKey(kind))} and RowKey gt ${az.lit(from)} and ` +
        `RowKey lt ${az.lit(`${RECORD}\uffff`)} and live eq true`;
      // One entity more than asked tells whether another page exists.
      const rows = await az.queryAll(table, filter, `listing ${kind} records`, limit + 1);
      const items = rows.slice(0, limit).map((row) => toRecord<T>(row));
      const last = items.at(-1);
      return rows.length > limit && last ? { items, next: last.id } : { items };
    },

    async findByIndex<T>(kind: string, index1: string, limit = 1000) {
      const prefix = `${INDEX}${az.encodeKey(index1)}|`;
      const filter = `PartitionKey eq ${az.lit(az.encodeKey(kind))} and ${az.rowKeyPrefix(prefix)}`;
      const keys = await az.queryAll(table, filter, `finding ${kind} records`, clampLimit(limit), [
        'RowKey',
        'id',
      ]);
      const found = await Promise.all(keys.map((k) => read(kind, String(k.id))));
      return found
        .filter((e): e is ReadEntity => e?.live === true && e.index1 === index1)
        .map((e) => toRecord<T>(e));
    },

    async delete(kind, id, etag) {
      const partitionKey = az.encodeKey(kind);
      for (let attempt = 1; ; attempt++) {
        const current = await read(kind, id);
        if (current?.live !== true) return false;
        if (etag !== undefined && etag !== '*' && current.etag !== etag) {
          throw conflict(kind, id, 'changed since it was read');
        }
        const index1 = current.index1 as string | undefined;
        if (index1 === undefined) {
          // Nothing else to remove with it: one delete, conditional on the version read.
          try {
            await table.deleteEntity(partitionKey, recordKey(id), { etag: current.etag });
            return true;
          } catch (err) {
            const status = az.statusOf(err);
            if (status !== 404 && status !== 412)
              throw az.toStoreError(`deleting the ${kind} record ${id}`, err);
            if (status === 412 && etag !== undefined && etag !== '*')
              throw conflict(kind, id, 'changed since it was read');
            if (attempt >= MAX_TRIES) throw conflict(kind, id, 'kept changing while it was deleted');
            continue;
          }
        }
        const tombstone = { partitionKey, rowKey: recordKey(id), id, live: false };
        const actions: TransactionAction[] = [
          ['update', tombstone, 'Replace', { etag: current.etag }],
          ['delete', { partitionKey, rowKey: indexKey(index1, id) }],
        ];
        let buried: string | undefined;
        try {
          buried = await submit(kind, actions);
        } catch (err) {
          const status = az.statusOf(err);
          if (status !== 409 && status !== 412)
            throw az.toStoreError(`deleting the ${kind} record ${id}`, err);
          if (etag !== undefined && etag !== '*') throw conflict(kind, id, 'changed since it was read');
          if (attempt >= MAX_TRIES) throw conflict(kind, id, 'kept changing while it was deleted');
          continue;
        }
        // The tombstone goes unless someone wrote the record again in between (then the entity is
        // theirs). One left behind (a crash, a failure here) reads as missing and a put replaces it.
        if (buried) {
          await table.deleteEntity(partitionKey, recordKey(id), { etag: buried }).catch((err: unknown) => {
            if (az.statusOf(err) !== 404 && az.statusOf(err) !== 412)
              throw az.toStoreError(`deleting the ${kind} record ${id}`, err);
          });
        }
        return true;
      }
    },
  };
}

function toRecord<T>(e: ReadEntity): StoredRecord<T> {
  return compact({
    id: String(e.id),
    value: az.unpackJson<T>(e, 'value'),
    etag: e.etag,
    index1: e.index1 as string | undefined,
    updatedAt: new Date(az.readInt(e.updatedAt)),
  });
}
