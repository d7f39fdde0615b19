import path from 'node:path';
import type { AppConfig } from '../config';
import type { Clock } from '../core/clock';
import { AppError } from '../core/errors';
import { assertTokenKeyOpensStore, storeCachePlugin } from '../partner-center/token-cache-plugin';
import { parseTokenKey } from '../partner-center/token-crypto';
import type { RecordStore } from '../store/types';
import type { Logger } from '../core/logger';
import { createGraphTokenProvider } from '../graph';
import {
  createAppOnlyTokenProvider,
  createAppUserTokenProvider,
  createStaticTokenGetter,
  createTokenGetter,
  type GetToken,
} from '../partner-center';
import { startSandbox, type Sandbox } from '../sandbox';
import { LOGIN_PREFIX } from '../sandbox/login';
import { loginNetwork } from '../partner-center/login-network';
import { SANDBOX_APP_TOKEN, SANDBOX_GRAPH_TOKEN, SANDBOX_USER_TOKEN } from '../sandbox/constants';

/** The app id the emulated sign-in is asked for when PARTNER_CENTER_CLIENT_ID is not set. */
const SANDBOX_CLIENT_ID = '00000000-0000-4000-8000-00000000c11e';

/**
 * Sandbox and live differ only here: base URLs and token providers (and the embedded emulator).
 */
export interface PartnerCenterAccess {
  baseUrl: string;
  getToken: GetToken;
  acceptanceLinkBase?: string;
  graph: { baseUrl: string; getToken: () => Promise<string> };
  /** The embedded emulator (sandbox mode without SANDBOX_URL). */
  sandbox?: Sandbox;
  /** The emulator's address in sandbox mode, embedded or shared (SANDBOX_URL). */
  sandboxUrl?: string;
}

/** The emulator's endpoints and its fixed test tokens. */
function emulatorAccess(url: string): PartnerCenterAccess {
  return {
    baseUrl: url,
    getToken: createStaticTokenGetter({ app: SANDBOX_APP_TOKEN, user: SANDBOX_USER_TOKEN }),
    acceptanceLinkBase: `${url}/mca/`,
    graph: { baseUrl: `${url}/graph`, getToken: async () => SANDBOX_GRAPH_TOKEN },
    sandboxUrl: url,
  };
}

export async function partnerCenterAccess(
  config: AppConfig,
  log: Logger,
  external: Sandbox | undefined,
  stored: { records: RecordStore; clock: Clock },
): Promise<PartnerCenterAccess> {
  // Several instances in sandbox mode share one emulator (`npm run sandbox`), so they see one Partner Center.
  if (config.mode === 'sandbox' && config.sandbox.url && !external) return emulatorAccess(config.sandbox.url);
  if (config.mode === 'sandbox') {
    const sandbox =
      external ??
      (await startSandbox({
        port: config.sandbox.port,
        latencyMs: config.sandbox.latencyMs,
        refreshTokenDays: config.sandbox.refreshTokenDays,
        control: config.sandbox.control,
        webhookCertDir: config.sandbox.webhookCertDir,
        // Restarts lose nothing: the emulator's state and port live next to the bot's own data.
        stateFile: path.join(config.dataDir, 'sandbox-state.json'),
        log: log.child({ component: 'sandbox' }),
      }));
    // SANDBOX_SIGN_IN=entra: real MSAL against the emulated Entra sign-in (rotation, revocation),
    // with the token cache in the store as live; default: the emulator's fixed tokens.
    const emulated = emulatorAccess(sandbox.url);
    if (config.sandbox.signIn === 'entra') emulated.getToken = await emulatedSignIn(config, sandbox, stored);
    return { ...emulated, sandbox };
  }
  const pc = config.partnerCenter;
  const common = {
    tenantId: config.partner.tenantId,
    clientId: pc.clientId ?? '',
    clientSecret: pc.clientSecret ?? '',
  };
  const mail = config.mail;
  const key = await tokenKey(config, stored.records);
  return {
    baseUrl: pc.baseUrl,
    getToken: createTokenGetter({
      app: createAppOnlyTokenProvider(common),
      user: createAppUserTokenProvider({
        ...common,
        refreshToken: pc.refreshToken,
        cachePlugin: storeCachePlugin(stored.records, key, () => stored.clock.now()),
      }),
    }),
    graph: {
      baseUrl: mail.graphBaseUrl,
      getToken: createGraphTokenProvider({
        tenantId: config.partner.tenantId,
        clientId: mail.clientId ?? common.clientId,
        clientSecret: mail.clientSecret ?? common.clientSecret,
      }),
    },
  };
}

/**
 * The newest refresh token lives in the store, sealed with TOKEN_ENCRYPTION_KEY (required live);
 * a wrong key stops the start here, with the variable named.
 */
async function tokenKey(config: AppConfig, records: RecordStore): Promise<Buffer> {
  const key = parseTokenKey(config.partnerCenter.tokenEncryptionKey ?? '');
  if (!key)
    throw new AppError(
      'CONFIG_INVALID',
      'TOKEN_ENCRYPTION_KEY is required to store the Partner Center token.',
    );
  await assertTokenKeyOpensStore(records, key);
  return key;
}

async function emulatedSignIn(
  config: AppConfig,
  sandbox: Sandbox,
  stored: { records: RecordStore; clock: Clock },
): Promise<GetToken> {
  const common = {
    tenantId: config.partner.tenantId,
    clientId: config.partnerCenter.clientId ?? SANDBOX_CLIENT_ID,
    clientSecret: config.partnerCenter.clientSecret ?? 'sandbox-client-secret',
    networkClient: loginNetwork(`${sandbox.url}${LOGIN_PREFIX}`),
  };
  const key = await tokenKey(config, stored.records);
  return createTokenGetter({
    app: createAppOnlyTokenProvider(common),
    user: createAppUserTokenProvider({
      ...common,
      // The emulator's "consent": used only while nothing is stored yet.
      refreshToken: config.partnerCenter.refreshToken ?? sandbox.world.login.consentToken(),
      cachePlugin: storeCachePlugin(stored.records, key, () => stored.clock.now()),
    }),
  });
}
