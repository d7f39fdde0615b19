import path from 'node:path';
import { parseDefaultAssignments } from './gdap-defaults';
import { AppError } from '../core/errors';
import { SANDBOX_PARTNER_NAME, SANDBOX_PARTNER_TENANT_ID } from '../sandbox/constants';
import {
  mailFrom,
  parseApiKeys,
  parseAppType,
  parseConversation,
  parseDigestDays,
  parseDigestTime,
  parseLogLevel,
  parseMailbox,
  parseMode,
  parseRelease,
  parseReminders,
  parseSecret,
  parseTokenEncryptionKey,
} from './fields';
import { parseStore } from './store';
import { bool, deepFreeze, guid, httpsUrl, int, optionalUrl, Problems, str, type Env } from './parse';
import type { AppConfig } from './types';

export type { AppConfig } from './types';
export { parseReminderSchedule } from './fields';

function checkLive(config: AppConfig, env: Env, p: Problems): void {
  const missing = (name: string, why: string) => p.add(name, `is required in live mode (${why}).`);
  if (!str(env, 'PARTNER_TENANT_ID')) missing('PARTNER_TENANT_ID', "your partner tenant's Entra tenant id");
  if (!config.partnerCenter.clientId)
    missing('PARTNER_CENTER_CLIENT_ID', 'the Entra app registered in Partner Center › App management');
  if (!config.partnerCenter.clientSecret) missing('PARTNER_CENTER_CLIENT_SECRET', "that app's client secret");
  if (!config.partnerCenter.tokenEncryptionKey)
    missing(
      'TOKEN_ENCRYPTION_KEY',
      'it encrypts the stored Partner Center refresh token; 32 random bytes, e.g. `openssl rand -base64 32`',
    );
  if (!str(env, 'PUBLIC_URL'))
    missing('PUBLIC_URL', 'the https address Teams and browsers use to reach the bot');
  if (!config.signingSecret)
    missing('SIGNING_SECRET', 'at least 32 random characters, e.g. `openssl rand -base64 48`');
  if (!config.bot.appId)
    missing('MicrosoftAppId', 'the Azure Bot app id; without it incoming requests are not authenticated');
  if (config.bot.appType !== 'UserAssignedMsi' && config.bot.appId && !config.bot.appPassword)
    missing('MicrosoftAppPassword', 'the Azure Bot client secret');
  if (config.bot.appType === 'UserAssignedMsi' && config.bot.appPassword)
    p.add('MicrosoftAppPassword', 'must not be set when MicrosoftAppType is UserAssignedMsi.');
  if (config.bot.appType !== 'MultiTenant' && !config.bot.appTenantId)
    missing('MicrosoftAppTenantId', `MicrosoftAppType is ${config.bot.appType}`);
}

/**
 * Parses the environment into a frozen config, or throws one `AppError('CONFIG_INVALID')` naming
 * every problem at once.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const p = new Problems();
  const mode = parseMode(env, p);
  const sandbox = mode === 'sandbox';
  const partnerTenantId =
    guid(env, p, 'PARTNER_TENANT_ID', 'your partner tenant id, from Partner Center › Account settings') ??
    (sandbox ? SANDBOX_PARTNER_TENANT_ID : '');
  const botAppId = guid(
    env,
    p,
    'MicrosoftAppId',
    'the Azure Bot resource › Configuration › Microsoft App ID',
  );

  const warnings: string[] = [];
  const config: AppConfig = {
    mode,
    warnings,
    host: str(env, 'HOST') ?? (sandbox ? '127.0.0.1' : '0.0.0.0'),
    port: int(env, p, 'PORT', 3978, 0, 65535),
    logLevel: parseLogLevel(env, p),
    dataDir: path.resolve(str(env, 'DATA_DIR') ?? '.data'),
    store: parseStore(env, p),
    publicUrl: '',
    publicUrlFromEnv: str(env, 'PUBLIC_URL') !== undefined,
    signingSecret: parseSecret(env, p),
    partner: {
      tenantId: partnerTenantId,
      name: str(env, 'PARTNER_NAME') ?? (sandbox ? SANDBOX_PARTNER_NAME : 'your Microsoft partner'),
    },
    partnerCenter: {
      baseUrl: httpsUrl(env, p, 'PARTNER_CENTER_BASE_URL', 'https://api.partnercenter.microsoft.com', false),
      clientId: guid(env, p, 'PARTNER_CENTER_CLIENT_ID', 'the Entra app id registered in Partner Center'),
      clientSecret: str(env, 'PARTNER_CENTER_CLIENT_SECRET'),
      refreshToken: str(env, 'PARTNER_CENTER_REFRESH_TOKEN'),
      tokenEncryptionKey: parseTokenEncryptionKey(env, p),
      timeoutMs: int(env, p, 'PARTNER_CENTER_TIMEOUT_MS', 15_000, 1_000, 120_000),
      maxAttempts: int(env, p, 'PARTNER_CENTER_MAX_ATTEMPTS', 4, 1, 10),
      rateLimitPerMinute: int(env, p, 'PARTNER_CENTER_RATE_LIMIT_PER_MINUTE', 500, 1, 1_000_000),
    },
    portfolio: {
      concurrency: int(env, p, 'PORTFOLIO_CONCURRENCY', 8, 1, 64),
      acceptedCacheDays: int(env, p, 'STATUS_CACHE_ACCEPTED_DAYS', 7, 0, 90),
      digest: { ...parseDigestTime(env, p), days: parseDigestDays(env, p) },
    },
    bot: {
      appId: botAppId,
      appPassword: str(env, 'MicrosoftAppPassword'),
      appType: parseAppType(env, p, mode, warnings),
      appTenantId: guid(env, p, 'MicrosoftAppTenantId', 'the tenant of the Azure Bot app registration'),
      openIdMetadataUrl: optionalUrl(env, p, 'ToBotFromChannelOpenIdMetadataUrl'),
      stillCheckingMs: int(env, p, 'TURN_STILL_CHECKING_MS', 2500, 100, 4000),
      answerMs: int(env, p, 'TURN_ANSWER_MS', 4500, 500, 5000),
    },
    mail: {
      from: mailFrom(parseMailbox(env, p), sandbox),
      graphBaseUrl: httpsUrl(env, p, 'GRAPH_BASE_URL', 'https://graph.microsoft.com', false),
      clientId: guid(
        env,
        p,
        'GRAPH_CLIENT_ID',
        'the Entra app with Mail.Send; defaults to PARTNER_CENTER_CLIENT_ID',
      ),
      clientSecret: str(env, 'GRAPH_CLIENT_SECRET'),
    },
    acceptance: { watchDays: int(env, p, 'ACCEPTANCE_WATCH_DAYS', 14, 1, 90) },
    sandbox: {
      url: optionalUrl(env, p, 'SANDBOX_URL')?.replace(/\/+$/, ''),
      port: int(env, p, 'SANDBOX_PORT', 0, 0, 65535),
      latencyMs: int(env, p, 'SANDBOX_LATENCY_MS', 0, 0, 60_000),
      refreshTokenDays: int(env, p, 'SANDBOX_REFRESH_TOKEN_DAYS', 90, 1, 365),
      signIn: str(env, 'SANDBOX_SIGN_IN') === 'entra' ? 'entra' : 'static',
      control: bool(env, p, 'SANDBOX_CONTROL', false),
      webhookUrl: optionalUrl(env, p, 'SANDBOX_WEBHOOK_URL'),
      webhookCertDir: str(env, 'SANDBOX_WEBHOOK_CERT_DIR'),
    },
    relationships: {
      inviteDap: bool(env, p, 'RESELLER_INVITE_DAP', false),
      notifyConversation: parseConversation(env, p, 'PARTNER_NOTIFY_CONVERSATION'),
      reconcileMinutes: int(env, p, 'RELATIONSHIP_RECONCILE_MINUTES', 60, 5, 24 * 60),
      defaultGroups: parseDefaultAssignments(env, p),
    },
    purchases: {
      apiKeys: parseApiKeys(env, p),
      apiRatePerMinute: int(env, p, 'PURCHASE_API_RATE_PER_MINUTE', 60, 1, 100_000),
      ...parseRelease(env, p, sandbox),
      reminderOffsetsMs: parseReminders(env, p),
    },
    delivery: {
      tenantRatePerSecond: int(env, p, 'TEAMS_TENANT_RATE_PER_SECOND', 30, 1, 50),
      maxAttempts: int(env, p, 'DELIVERY_MAX_ATTEMPTS', 5, 1, 20),
      dryRun: bool(env, p, 'NOTIFY_DRY_RUN', false),
      workerConcurrency: int(env, p, 'WORKER_CONCURRENCY', 32, 1, 256),
      jobLeaseSeconds: int(env, p, 'JOB_LEASE_SECONDS', 60, 15, 3600),
    },
    telemetry: { appInsightsConnectionString: str(env, 'APPLICATIONINSIGHTS_CONNECTION_STRING') },
    webhooks: {
      certificateHosts: (
        str(env, 'PARTNER_CENTER_WEBHOOK_CERT_HOSTS') ?? '3psostorageacct.blob.core.windows.net'
      )
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
      trustedRootsFile: str(env, 'PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS'),
    },
  };
  const port = config.port;
  const publicUrl = httpsUrl(env, p, 'PUBLIC_URL', `http://localhost:${port === 0 ? 3978 : port}`, sandbox);
  Object.assign(config, { publicUrl });
  if (mode === 'live') checkLive(config, env, p);
  const signIn = str(env, 'SANDBOX_SIGN_IN');
  if (signIn !== undefined && signIn !== 'static' && signIn !== 'entra')
    p.add('SANDBOX_SIGN_IN', `must be "static" or "entra", got "${signIn}".`);
  if (config.sandbox.signIn === 'entra' && !config.partnerCenter.tokenEncryptionKey)
    p.add(
      'TOKEN_ENCRYPTION_KEY',
      'is required with SANDBOX_SIGN_IN=entra (the token cache is stored encrypted).',
    );
  if (config.bot.stillCheckingMs >= config.bot.answerMs)
    p.add('TURN_STILL_CHECKING_MS', `must be below TURN_ANSWER_MS (${config.bot.answerMs}).`);

  if (p.list.length > 0) {
    throw new AppError(
      'CONFIG_INVALID',
      `MCA Assist cannot start; fix these settings (see .env.sample):\n  - ${p.list.join('\n  - ')}`,
      { details: { problems: p.list.length } },
    );
  }
  return deepFreeze(config);
}
