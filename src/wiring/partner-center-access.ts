import path from 'node:path';
import type { AppConfig } from '../config';
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
import { SANDBOX_APP_TOKEN, SANDBOX_GRAPH_TOKEN, SANDBOX_USER_TOKEN } from '../sandbox/constants';

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
  external?: Sandbox,
): Promise<PartnerCenterAccess> {
  // Several instances in sandbox mode share one emulator (`npm run sandbox`), so they see one Partner Center.
  if (config.mode === 'sandbox' && config.sandbox.url && !external) return emulatorAccess(config.sandbox.url);
  if (config.mode === 'sandbox') {
    const sandbox =
      external ??
      (await startSandbox({
        port: config.sandbox.port,
        latencyMs: config.sandbox.latencyMs,
        control: config.sandbox.control,
        webhookCertDir: config.sandbox.webhookCertDir,
        // Restarts lose nothing: the emulator's state and port live next to the bot's own data.
        stateFile: path.join(config.dataDir, 'sandbox-state.json'),
        log: log.child({ component: 'sandbox' }),
      }));
    return { ...emulatorAccess(sandbox.url), sandbox };
  }
  const pc = config.partnerCenter;
  const common = {
    tenantId: config.partner.tenantId,
    clientId: pc.clientId ?? '',
    clientSecret: pc.clientSecret ?? '',
  };
  const mail = config.mail;
  return {
    baseUrl: pc.baseUrl,
    getToken: createTokenGetter({
      app: createAppOnlyTokenProvider(common),
      user: createAppUserTokenProvider({ ...common, refreshToken: pc.refreshToken ?? '' }),
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
