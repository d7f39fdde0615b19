import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/errors';
import { silentLogger } from '../../src/core/logger';
import {
  createAppUserTokenProvider,
  createPartnerCenterClient,
  createTokenGetter,
} from '../../src/partner-center';
import { loginNetwork } from '../../src/partner-center/login-network';
import {
  assertTokenKeyOpensStore,
  storeCachePlugin,
  TOKEN_CACHE_RECORD,
} from '../../src/partner-center/token-cache-plugin';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import {
  SANDBOX_APP_TOKEN,
  SANDBOX_PARTNER_TENANT_ID,
  SANDBOX_USER_TOKEN,
} from '../../src/sandbox/constants';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite';
import { MutableClock } from '../store/mutable-clock';

const DAY = 86_400_000;
const CLIENT_ID = '2b7c1f7e-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const FABRIKAM = '4db61b85-10e6-4651-969d-6fbe6f49b1fc';

describe('Partner Center credentials that last (rotation through the store, encrypted)', () => {
  const clock = new MutableClock('2026-01-05T09:00:00Z');
  const key = randomBytes(32);
  let dir = '';
  let sandbox: Sandbox;
  let store: SqliteStore;
  let consentToken = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mca-tokens-'));
    sandbox = await startSandbox({ clock, log: silentLogger() });
    store = openSqliteStore({ file: path.join(dir, 'mca.db'), clock });
    consentToken = sandbox.world.login.issueRefreshToken();
  });
  afterAll(async () => {
    await store.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What a (re)started bot builds: MSAL with the store plugin, the configured consent token as a fallback. */
  function start(options: { plugin?: boolean; key?: Buffer } = {}) {
    const user = createAppUserTokenProvider({
      tenantId: SANDBOX_PARTNER_TENANT_ID,
      clientId: CLIENT_ID,
      clientSecret: 'sandbox-secret',
      refreshToken: consentToken,
      cachePlugin:
        options.plugin === false
          ? undefined
          : storeCachePlugin(store.records, options.key ?? key, () => clock.now()),
      networkClient: loginNetwork(`${sandbox.url}/login`),
    });
    const client = createPartnerCenterClient({
      baseUrl: sandbox.url,
      getToken: createTokenGetter({ user, app: async () => SANDBOX_APP_TOKEN }),
      log: silentLogger(),
      clock,
    });
    return { user, client };
  }

  const sealed = async () =>
    (await store.records.get<{ sealed: string }>(TOKEN_CACHE_RECORD.kind, TOKEN_CACHE_RECORD.id))?.value
      .sealed;

  it('keeps working across restarts every 30 days for 200 days, storing each rotated refresh token', async () => {
    const seen = new Set<string>();
    for (let day = 0; day <= 210; day += 30) {
      const { user, client } = start();
      expect(await user()).toBe(SANDBOX_USER_TOKEN);
      // An App+User call, as the status command makes it.
      expect(await client.getDirectSignStatus(FABRIKAM)).toEqual({ isSigned: expect.any(Boolean) });
      const blob = await sealed();
      expect(blob).toBeDefined();
      expect(seen.has(blob!)).toBe(false);
      seen.add(blob!);
      clock.advance(30 * DAY);
    }
    expect(sandbox.world.login.redemptions).toBe(8);
  });

  it('stores the token cache encrypted: no refresh token in the clear', async () => {
    const raw = JSON.stringify(await store.records.get(TOKEN_CACHE_RECORD.kind, TOKEN_CACHE_RECORD.id));
    expect(raw).not.toContain('sandbox-rt-');
    expect(raw).not.toContain('refresh');
    expect(raw).toMatch(/"sealed":"v1\./);
  });

  it('shows what the old behaviour did: the consent token alone is refused once 90 days have passed', async () => {
    const { user } = start({ plugin: false });
    const err = await user().catch((e: unknown) => e);
    expect(isAppError(err, 'AUTH_TOKEN_FAILED')).toBe(true);
    expect((err as Error).message).toContain('Re-run the consent step');
  });

  it('refuses to start with the wrong TOKEN_ENCRYPTION_KEY, naming the variable', async () => {
    await expect(assertTokenKeyOpensStore(store.records, key)).resolves.toBeUndefined();
    const err = await assertTokenKeyOpensStore(store.records, randomBytes(32)).catch((e: unknown) => e);
    expect(isAppError(err, 'CONFIG_INVALID')).toBe(true);
    expect((err as Error).message).toContain('TOKEN_ENCRYPTION_KEY cannot decrypt');
  });

  it('says how to consent again when the refresh token was revoked', async () => {
    sandbox.world.login.revokeAll();
    const { user } = start();
    const err = await user().catch((e: unknown) => e);
    expect(isAppError(err, 'AUTH_TOKEN_FAILED')).toBe(true);
    expect((err as Error).message).toContain('Re-run the consent step');
  });
});
