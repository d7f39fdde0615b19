import type { Database } from 'better-sqlite3';
import type { ConversationKind, ConversationStore, StoredConversation } from '../types.js';
import { compact, fromJson, guard, toJson } from './util.js';

interface ConversationRow {
  tenant_id: string;
  conversation_id: string;
  kind: ConversationKind;
  conversation_type: string;
  locale: string;
  service_url: string;
  reference: string;
  user_aad_object_id: string | null;
  updated_at: string;
}

export function sqliteConversations(db: Database, file: string): ConversationStore {
  const upsert = db.prepare<ConversationRow>(
    `INSERT INTO conversations (tenant_id, conversation_id, kind, conversation_type, locale, service_url,
       reference, user_aad_object_id, updated_at)
     VALUES (@tenant_id, @conversation_id, @kind, @conversation_type, @locale, @service_url,
       @reference, @user_aad_object_id, @updated_at)
     ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET
       kind = excluded.kind, conversation_type = excluded.conversation_type, locale = excluded.locale,
       service_url = excluded.service_url, reference = excluded.reference,
       user_aad_object_id = excluded.user_aad_object_id, updated_at = excluded.updated_at`,
  );
  const byKey = db.prepare<[string, string], ConversationRow>(
    'SELECT * FROM conversations WHERE tenant_id = ? AND conversation_id = ?',
  );
  const byTenant = db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE tenant_id = ?');
  const removeByKey = db.prepare<[string, string]>(
    'DELETE FROM conversations WHERE tenant_id = ? AND conversation_id = ?',
  );

  return {
    async save(c) {
      guard(file, () =>
        upsert.run({
          tenant_id: c.tenantId,
          conversation_id: c.conversationId,
          kind: c.kind,
          conversation_type: c.conversationType,
          locale: c.locale,
          service_url: c.serviceUrl,
          reference: toJson(c.reference, 'a conversation reference'),
          user_aad_object_id: c.userAadObjectId ?? null,
          updated_at: c.updatedAt,
        }),
      );
    },
    async get(tenantId, conversationId) {
      const row = guard(file, () => byKey.get(tenantId, conversationId));
      return row && toConversation(row);
    },
    async listByTenant(tenantId) {
      return guard(file, () => byTenant.all(tenantId)).map(toConversation);
    },
    async remove(tenantId, conversationId) {
      return guard(file, () => removeByKey.run(tenantId, conversationId)).changes > 0;
    },
  };
}

function toConversation(row: ConversationRow): StoredConversation {
  return compact({
    tenantId: row.tenant_id,
    conversationId: row.conversation_id,
    kind: row.kind,
    conversationType: row.conversation_type,
    locale: row.locale,
    serviceUrl: row.service_url,
    reference: fromJson<Record<string, unknown>>(row.reference),
    userAadObjectId: row.user_aad_object_id ?? undefined,
    updatedAt: row.updated_at,
  });
}
