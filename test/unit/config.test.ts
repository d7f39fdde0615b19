import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { isAppError } from '../../src/core/errors';
import { SANDBOX_PARTNER_TENANT_ID } from '../../src/sandbox/constants';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (isAppError(err, 'CONFIG_INVALID')) return err.message;
    throw err;
  }
  throw new Error('expected CONFIG_INVALID');
}

const LIVE = {
  PARTNER_CENTER_MODE: 'live',
  PARTNER_TENANT_ID: '11111111-1111-4111-8111-111111111111',
  PARTNER_CENTER_CLIENT_ID: '22222222-2222-4222-8222-222222222222',
  PARTNER_CENTER_CLIENT_SECRET: 'secret',
  PARTNER_CENTER_REFRESH_TOKEN: 'refresh',
  TOKEN_ENCRYPTION_KEY: 'a'.repeat(64),
  PUBLIC_URL: 'https://mca.example.com',
  SIGNING_SECRET: 'x'.repeat(40),
  MicrosoftAppId: '33333333-3333-4333-8333-333333333333',
  MicrosoftAppPassword: 'bot-secret',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '11111111-1111-4111-8111-111111111111',
};

describe('loadConfig', () => {
  it('starts in sandbox mode with no settings at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'sandbox',
      port: 3978,
      host: '127.0.0.1',
      partner: { tenantId: SANDBOX_PARTNER_TENANT_ID, name: 'Fabrikam Cloud Solutions' },
      publicUrl: 'http://localhost:3978',
    });
    expect(config.dataDir).toBe(path.resolve('.data'));
    expect(Object.isFrozen(config.partner)).toBe(true);
  });

  it('switches to live mode when Partner Center credentials are configured', () => {
    expect(loadConfig(LIVE).mode).toBe('live');
    const { PARTNER_CENTER_MODE: _mode, ...implicit } = LIVE;
    expect(loadConfig(implicit).mode).toBe('live');
  });

  it('refuses live mode without credentials and names every missing variable', () => {
    const message = problems({ PARTNER_CENTER_MODE: 'live' });
    for (const name of [
      'PARTNER_TENANT_ID',
      'PARTNER_CENTER_CLIENT_ID',
      'PARTNER_CENTER_CLIENT_SECRET',
      'TOKEN_ENCRYPTION_KEY',
      'PUBLIC_URL',
      'SIGNING_SECRET',
      'MicrosoftAppId',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('names malformed values and says what they should look like', () => {
    const message = problems({
      PORT: 'eighty',
      PARTNER_TENANT_ID: 'contoso',
      LOG_LEVEL: 'loud',
      PARTNER_CENTER_MODE: 'prod',
    });
    expect(message).toContain('PORT: must be a whole number from 0 to 65535, got "eighty"');
    expect(message).toContain('PARTNER_TENANT_ID: must be a GUID');
    expect(message).toContain('LOG_LEVEL');
    expect(message).toContain('PARTNER_CENTER_MODE: must be "sandbox" or "live"');
  });

  it('refuses a short signing secret and a password with a managed identity', () => {
    expect(problems({ SIGNING_SECRET: 'short' })).toContain(
      'SIGNING_SECRET: must have at least 32 characters',
    );
    expect(problems({ ...LIVE, MicrosoftAppType: 'UserAssignedMsi' })).toContain(
      'MicrosoftAppPassword: must not be set',
    );
  });

  it('requires https for PUBLIC_URL in live mode', () => {
    expect(problems({ ...LIVE, PUBLIC_URL: 'http://mca.example.com' })).toContain(
      'PUBLIC_URL: must be an https URL',
    );
  });

  it('makes a live bot SingleTenant unless told otherwise, and then needs its tenant', () => {
    const { MicrosoftAppType: _type, ...rest } = LIVE;
    expect(loadConfig(rest).bot.appType).toBe('SingleTenant');
    expect(loadConfig(rest).warnings).toEqual([]);
    const { MicrosoftAppTenantId: _tenant, ...noTenant } = rest;
    expect(problems(noTenant)).toContain(
      'MicrosoftAppTenantId: is required in live mode (MicrosoftAppType is SingleTenant)',
    );
  });

  it('honours MultiTenant when asked, with a warning', () => {
    const config = loadConfig({ ...LIVE, MicrosoftAppType: 'MultiTenant' });
    expect(config.bot.appType).toBe('MultiTenant');
    expect(config.warnings).toEqual([
      expect.stringContaining('multi-tenant bot registrations are deprecated'),
    ]);
  });

  it('takes a channel OpenID metadata URL and refuses one that is not a URL', () => {
    const url = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
    expect(loadConfig({ ToBotFromChannelOpenIdMetadataUrl: url }).bot.openIdMetadataUrl).toBe(url);
    expect(problems({ ToBotFromChannelOpenIdMetadataUrl: 'login' })).toContain(
      'ToBotFromChannelOpenIdMetadataUrl',
    );
  });

  it('takes TOKEN_ENCRYPTION_KEY as 32 bytes in hex or base64, and no refresh token once one is stored', () => {
    const { PARTNER_CENTER_REFRESH_TOKEN: _rt, ...withoutToken } = LIVE;
    expect(loadConfig(withoutToken).partnerCenter.refreshToken).toBeUndefined();
    expect(loadConfig({ ...LIVE, TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }).mode).toBe(
      'live',
    );
    expect(problems({ ...LIVE, TOKEN_ENCRYPTION_KEY: 'short' })).toContain(
      'TOKEN_ENCRYPTION_KEY: must be 32 bytes',
    );
  });
});
