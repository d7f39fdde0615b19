import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { AppConfig } from '../config';
import type { Logger } from '../core/logger';

/**
 * CloudAdapter with credentials from our parsed config (never read from process.env here).
 * Without MicrosoftAppId the adapter neither checks inbound tokens nor signs outbound calls —
 * allowed only in sandbox mode (config.ts refuses it in live mode).
 */
export function createAdapter(config: AppConfig, log: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
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

/** What `POST /api/messages` calls: the adapter authenticates and runs the bot for one request. */
export function messageProcessor(
  adapter: CloudAdapter,
  bot: { run(context: TurnContext): Promise<void> },
): (req: Request, res: Response) => Promise<void> {
  // restify's req/res satisfy the adapter's Request/Response shapes; the overloads don't say so.
  const process = adapter.process.bind(adapter) as (
    req: unknown,
    res: unknown,
    logic: (context: TurnContext) => Promise<void>,
  ) => Promise<void>;
  return (req, res) => process(req, res, (context) => bot.run(context));
}
