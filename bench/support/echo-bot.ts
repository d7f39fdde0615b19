/**
 * The yardstick: a bare botbuilder echo bot on restify, with the same channel authentication as
 * the bot (inbound JWT checked against ToBotFromChannelOpenIdMetadataUrl). Environment: PORT,
 * MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType, MicrosoftAppTenantId,
 * ToBotFromChannelOpenIdMetadataUrl. `GET /readyz` answers 200 once listening.
 */
import {
  ActivityHandler,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
} from 'botbuilder';
import { AuthenticationConstants as A } from 'botframework-connector';
import restify from 'restify';

const env = process.env;
const auth = new ConfigurationBotFrameworkAuthentication({
  MicrosoftAppId: env.MicrosoftAppId ?? '',
  MicrosoftAppPassword: env.MicrosoftAppPassword ?? '',
  MicrosoftAppType: env.MicrosoftAppType ?? 'MultiTenant',
  MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
  ...(env.ToBotFromChannelOpenIdMetadataUrl
    ? {
        ToBotFromChannelOpenIdMetadataUrl: env.ToBotFromChannelOpenIdMetadataUrl,
        ToBotFromChannelTokenIssuer: A.ToBotFromChannelTokenIssuer,
        ToChannelFromBotLoginUrl: A.ToChannelFromBotLoginUrl,
        ToChannelFromBotOAuthScope: A.ToChannelFromBotOAuthScope,
        ToBotFromEmulatorOpenIdMetadataUrl: A.ToBotFromEmulatorOpenIdMetadataUrl,
        OAuthUrl: A.OAuthUrl,
        CallerId: CallerIdConstants.PublicAzureChannel,
      }
    : {}),
});
const adapter = new CloudAdapter(auth);

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}
const bot = new EchoBot();

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/readyz', (_req, res, next) => {
  res.send(200, { status: 'ready' });
  next();
});
server.listen(Number(env.PORT ?? 3978), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
