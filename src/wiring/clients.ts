import type { AppConfig } from '../config';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Telemetry } from '../core/telemetry';
import { createGraphHttp, createMailSender } from '../graph';
import { createGdapClient } from '../graph/gdap';
import { createGdapAccessClient } from '../graph/gdap-access';
import type { RateLimiter } from '../jobs/rate-limiter';
import { createPartnerCenterClient } from '../partner-center';
import { GDAP_APPROVAL_PATH } from '../sandbox/consent-pages';
import type { PartnerCenterAccess } from './partner-center-access';

export interface ClientDeps {
  config: AppConfig;
  log: Logger;
  access: PartnerCenterAccess;
  telemetry: Telemetry;
  clock: Clock;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Partner Center on its one pace (`limiter`, built in `createApp` with this instance's share). */
export function partnerCenterClient(deps: ClientDeps, limiter: RateLimiter) {
  const { config, access } = deps;
  return createPartnerCenterClient({
    baseUrl: access.baseUrl,
    getToken: access.getToken,
    fetch: deps.fetch,
    log: deps.log.child({ component: 'partner-center' }),
    timeoutMs: config.partnerCenter.timeoutMs,
    retry: { maxAttempts: config.partnerCenter.maxAttempts },
    clock: deps.clock,
    sleep: deps.sleep,
    limiter,
    acceptanceLinkBase: access.acceptanceLinkBase,
    observer: deps.telemetry,
  });
}

/** Microsoft Graph: GDAP relationships, access assignments, and mail when MAIL_FROM is set. */
export function graphClients(deps: ClientDeps) {
  const { access, log } = deps;
  const graph = { ...access.graph, observer: deps.telemetry };
  return {
    mail: () => createMailSender({ ...graph, fetch: deps.fetch, log: log.child({ component: 'mail' }) }),
    gdap: createGdapClient(
      createGraphHttp({ ...graph, fetch: deps.fetch, log: log.child({ component: 'gdap' }) }),
      { approvalLinkBase: access.sandboxUrl && `${access.sandboxUrl}${GDAP_APPROVAL_PATH}` },
    ),
    gdapAccess: createGdapAccessClient(
      createGraphHttp({ ...access.graph, fetch: deps.fetch, log: log.child({ component: 'gdap-access' }) }),
    ),
  };
}
