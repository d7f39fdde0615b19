import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { isAppError } from '../../src/core/errors';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (isAppError(err, 'CONFIG_INVALID')) return err.message;
    throw err;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('relationship and webhook settings', () => {
  it('keep legacy DAP off and trust Partner Center’s certificate host by default', () => {
    const config = loadConfig({});
    expect(config.relationships).toEqual({
      inviteDap: false,
      notifyConversation: undefined,
      reconcileMinutes: 60,
      defaultGroups: {},
    });
    expect(config.webhooks.certificateHosts).toEqual(['3psostorageacct.blob.core.windows.net']);
  });

  it('read the partner notification conversation as tenant id and conversation id', () => {
    const config = loadConfig({
      RESELLER_INVITE_DAP: 'true',
      PARTNER_NOTIFY_CONVERSATION: '7D1C0C2A-5F43-4C8E-9A3B-2F6D1E8B4A10/19:abc@thread.tacv2;messageid=1',
    });
    expect(config.relationships.inviteDap).toBe(true);
    expect(config.relationships.notifyConversation).toEqual({
      tenantId: '7d1c0c2a-5f43-4c8e-9a3b-2f6d1e8b4a10',
      conversationId: '19:abc@thread.tacv2;messageid=1',
    });
  });

  it('name a malformed notification conversation, DAP flag and sandbox webhook URL', () => {
    const text = problems({
      PARTNER_NOTIFY_CONVERSATION: 'general',
      RESELLER_INVITE_DAP: 'maybe',
      SANDBOX_WEBHOOK_URL: 'ftp://x',
    });
    expect(text).toContain('PARTNER_NOTIFY_CONVERSATION: must be "<partner tenant id>/<conversation id>"');
    expect(text).toContain('RESELLER_INVITE_DAP: must be true or false');
    expect(text).toContain('SANDBOX_WEBHOOK_URL: must be an http(s) URL');
  });
});
