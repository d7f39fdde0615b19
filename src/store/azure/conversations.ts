import type { TableClient } from '@azure/data-tables';
import type { ConversationKind, ConversationStore, StoredConversation } from '../types.js';
import { compact } from '../values.js';
import {
  encodeKey,
  guard,
  lit,
  packJson,
  queryAll,
  readEntity,
  statusOf,
  toStoreError,
  unpackJson,
  type ReadEntity,
} from './tables.js';

/** One entity per conversation: PartitionKey = tenant id, RowKey = conversation id. */
export function azureConversations(table: TableClient): ConversationStore {
  return {
    async save(c) {
      const entity = {
        partitionKey: encodeKey(c.tenantId),
        rowKey: encodeKey(c.conversationId),
        tenantId: c.tenantId,
        conversationId: c.conversationId,
        kind: c.kind,
        conversationType: c.conversationType,
        locale: c.locale,
        serviceUrl: c.serviceUrl,
        ...packJson('reference', c.reference, 'a conversation reference'),
        userAadObjectId: c.userAadObjectId,
        updatedAt: c.updatedAt,
      };
      await guard('saving a conversation', () => table.upsertEntity(compact(entity), 'Replace'));
    },
    async get(tenantId, conversationId) {
      const entity = await readEntity(
        table,
        encodeKey(tenantId),
        encodeKey(conversationId),
        'reading a conversation',
      );
      return entity && toConversation(entity);
    },
    async listByTenant(tenantId) {
      const rows = await queryAll(
        table,
        `PartitionKey eq ${lit(encodeKey(tenantId))}`,
        'listing conversations',
      );
      return rows.map(toConversation);
    },
    async remove(tenantId, conversationId) {
      try {
        await table.deleteEntity(encodeKey(tenantId), encodeKey(conversationId));
        return true;
      } catch (err) {
        if (statusOf(err) === 404) return false;
        throw toStoreError('removing a conversation', err);
      }
    },
  };
}

function toConversation(e: ReadEntity): StoredConversation {
  return compact({
    tenantId: e.tenantId as string,
    conversationId: e.conversationId as string,
    kind: e.kind as ConversationKind,
    conversationType: e.conversationType as string,
    locale: e.locale as string,
    serviceUrl: e.serviceUrl as string,
    reference: unpackJson<Record<string, unknown>>(e, 'reference'),
    userAadObjectId: e.userAadObjectId as string | undefined,
    updatedAt: e.updatedAt as string,
  });
}
