import { AuthenticationConstants } from 'botframework-connector';
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult } from './channel-auth';
import type { AppConfig } from '../config';
import type { Logger } from '../core/logger';

/**
 * Setting any endpoint makes botbuilder drop all of its public-cloud defaults
 * (BotFrameworkAuthenticationFactory.create), so an overridden metadata URL comes with the rest
 * of public Azure spelled out.
 */
function publicAzure(openIdMetadataUrl: string) {
  const A = AuthenticationConstants;
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: A.ToBotFromChannelTokenIssuer,
    ToChannelFromBotLoginUrl: A.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: A.ToChannelFromBotOAuthScope,
    ToBotFromEmulatorOpenIdMetadataUrl: A.ToBotFromEmulatorOpenIdMetadataUrl,
    OAuthUrl: A.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * Bot Framework authentication from our parsed config (never read from process.env here).
 * Without MicrosoftAppId it neither checks inbound tokens nor signs outbound calls — allowed only
 * in sandbox mode (src/config refuses it in live mode).
 */
export function channelAuthentication(config: AppConfig): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId ?? '',
    ...(config.bot.openIdMetadataUrl ? publicAzure(config.bot.openIdMetadataUrl) : {}),
  });
}

/** CloudAdapter that runs an activity already authenticated by src/teams/channel-auth.ts. */
export class McaAdapter extends CloudAdapter {
  runAuthenticated(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/** CloudAdapter on that authentication; inbound requests are authenticated by src/teams/channel-auth.ts first. */
export function createAdapter(
  config: AppConfig,
  log: Logger,
  auth: ConfigurationBotFrameworkAuthentication = channelAuthentication(config),
): McaAdapter {
  const adapter = new McaAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Last resort: handlers report their own errors as cards. Reaching here is a bug or a Teams outage.
    log.error({ err: error, activityType: context.activity.type }, 'unhandled error in turn');
    if (context.activity.type === 'message') {
      try {
        await context.sendActivity(
          'Sorry, something went wrong on our side. Nothing was changed — please try again.',
        );
      } catch (sendError) {
        log.warn({ err: sendError }, 'could not tell the user about the error');
      }
    }
  };
  return adapter;
}
