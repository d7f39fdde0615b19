import type { AppConfig } from '../config';
import type { Clock } from '../core/clock';
import type { Services } from '../core/context';
import type { Logger } from '../core/logger';
import type { Metrics } from '../core/metrics';
import type { Router } from '../core/router';
import type { Telemetry } from '../core/telemetry';
import { activityProcessor, channelAuthenticator, type channelAuthentication, McaBot } from '../teams';
import { ActivityLedger } from '../teams/activity-ledger';
import type { McaAdapter } from '../teams/adapter';
import { traceTurns } from './telemetry';

export interface TurnWiringDeps {
  config: AppConfig;
  log: Logger;
  adapter: McaAdapter;
  channelAuth: ReturnType<typeof channelAuthentication>;
  router: Router;
  services: Services;
  clock: Clock;
  metrics: Metrics;
  telemetry: Telemetry;
}

/**
 * POST /api/messages: authenticate, answer a retried activity from the ledger (in the store, so
 * every instance sees it), run the bot, trace the turn.
 */
export function turnProcessor(deps: TurnWiringDeps) {
  const { config, log, metrics } = deps;
  const bot = new McaBot(deps.router, deps.services, { stillCheckingMs: config.bot.stillCheckingMs });
  return traceTurns(
    activityProcessor({
      adapter: deps.adapter,
      bot,
      log,
      authenticate: channelAuthenticator({
        auth: deps.channelAuth,
        log: log.child({ component: 'channel-auth' }),
        refused: metrics.counter(
          'channel_auth_refused_total',
          'Requests to /api/messages refused by authentication, by reason',
        ),
      }),
      answerMs: config.bot.answerMs,
      ledger: new ActivityLedger(deps.services.store.cache, deps.clock),
      retried: metrics.counter(
        'activities_retried_total',
        'Activities Teams sent again (same id), answered without running them twice',
      ),
    }),
    deps.telemetry,
  );
}
