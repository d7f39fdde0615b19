import path from 'node:path';
import { AppError } from './core/errors';
import { SANDBOX_PARTNER_NAME, SANDBOX_PARTNER_TENANT_ID } from './sandbox/constants';

/**
 * Every environment variable the bot reads, parsed and validated once at start-up.
 * `.env.sample` documents each one; README's configuration table mirrors this file.
 */
export interface AppConfig {
  readonly mode: 'sandbox' | 'live';
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly dataDir: string;
  /** Where people and Teams reach this bot, e.g. https://mca.example.com (links in cards point here). */
  readonly publicUrl: string;
  /** False when PUBLIC_URL was not set and publicUrl is the local default (the server then uses its real port). */
  readonly publicUrlFromEnv: boolean;
  /** HMAC key for signed links and card data; in sandbox mode generated into DATA_DIR when unset. */
  readonly signingSecret?: string;
  readonly partner: {
    readonly tenantId: string;
    readonly name: string;
  };
  readonly partnerCenter: {
    readonly baseUrl: string;
    readonly clientId?: string;
    readonly clientSecret?: string;
    readonly refreshToken?: string;
    readonly timeoutMs: number;
    readonly maxAttempts: number;
    /** Every call of this partner tenant shares this pace (reference §7: 500/min per tenant). */
    readonly rateLimitPerMinute: number;
  };
  readonly portfolio: {
    /** Customers checked at once by a portfolio sweep. */
    readonly concurrency: number;
    /** How long an "accepted" status is reused by sweeps; other states are re-read every sweep. */
    readonly acceptedCacheDays: number;
    /** When the daily digest is posted: UTC time and weekdays (0 = Sunday … 6 = Saturday). */
    readonly digest: { readonly hour: number; readonly minute: number; readonly days: readonly number[] };
  };
  readonly bot: {
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';
    readonly appTenantId?: string;
  };
  readonly mail: {
    /** Mailbox (UPN) customer e-mails are sent from; undefined = e-mail off (cards to forward instead). */
    readonly from?: string;
    readonly graphBaseUrl: string;
    readonly clientId?: string;
    readonly clientSecret?: string;
  };
  readonly acceptance: {
    /** How long a request is watched before it is closed as expired. */
    readonly watchDays: number;
  };
  readonly sandbox: {
    readonly port: number;
    readonly latencyMs: number;
    /** Exposes the emulator's /_control API (fault injection) — for tests and demos only. */
    readonly control: boolean;
    /** Where the emulator delivers its signed webhooks when nothing is registered; default this bot. */
    readonly webhookUrl?: string;
    /** Folder with the emulator's webhook CA, certificate and key; default generated in memory. */
    readonly webhookCertDir?: string;
  };
  readonly relationships: {
    /** RESELLER_INVITE_DAP: also ask for legacy delegated admin (DAP) in reseller invitations. */
    readonly inviteDap: boolean;
    /** PARTNER_NOTIFY_CONVERSATION: the partner channel for relationship news ("<tenantId>/<conversationId>"). */
    readonly notifyConversation?: { readonly tenantId: string; readonly conversationId: string };
    /** How often invitations and GDAP relationships are re-read to catch missed webhooks. */
    readonly reconcileMinutes: number;
  };
  readonly purchases: {
    /** PURCHASE_API_KEYS: bearer keys of the partner's ordering systems; none = the API refuses all. */
    readonly apiKeys: readonly string[];
    /** Requests per minute per key on POST /api/purchase-blocked. */
    readonly apiRatePerMinute: number;
    /** Where "the order can be retried" is posted, signed with releaseSecret (HMAC-SHA256). */
    readonly releaseUrl?: string;
    readonly releaseSecret?: string;
    /** REMINDER_SCHEDULE as offsets from the notice, ascending, at most MAX_REMINDERS. */
    readonly reminderOffsetsMs: readonly number[];
  };
  readonly delivery: {
    /** TEAMS_TENANT_RATE_PER_SECOND: Teams requests per second per tenant (reference §6: design for 30). */
    readonly tenantRatePerSecond: number;
    /** DELIVERY_MAX_ATTEMPTS: attempts of one outbound message job before it is dead-lettered. */
    readonly maxAttempts: number;
    /** NOTIFY_DRY_RUN: log proactive messages, e-mail and releases instead of sending them. */
    readonly dryRun: boolean;
    /** WORKER_CONCURRENCY: background jobs (sends, checks) running at once. */
    readonly workerConcurrency: number;
  };
  readonly webhooks: {
    /** Hosts Partner Center's signing certificate may be downloaded from (https). */
    readonly certificateHosts: readonly string[];
    /** PEM bundle of trusted roots; default Microsoft's roots from Node's certificate store. */
    readonly trustedRootsFile?: string;
  };
}

type Env = Record<string, string | undefined>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class Problems {
  readonly list: string[] = [];
  add(name: string, message: string): void {
    this.list.push(`${name}: ${message}`);
  }
}

function str(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function int(env: Env, p: Problems, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    p.add(name, `must be a whole number from ${min} to ${max}, got "${raw}".`);
    return fallback;
  }
  return value;
}

function bool(env: Env, p: Problems, name: string, fallback: boolean): boolean {
  const raw = str(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  p.add(name, `must be true or false, got "${raw}".`);
  return fallback;
}

function guid(env: Env, p: Problems, name: string, hint: string): string | undefined {
  const raw = str(env, name);
  if (raw !== undefined && !GUID.test(raw)) {
    p.add(name, `must be a GUID such as 7d1c0c2a-5f43-4c8e-9a3b-2f6d1e8b4a10 (${hint}).`);
    return undefined;
  }
  return raw?.toLowerCase();
}

function httpsUrl(env: Env, p: Problems, name: string, fallback: string, allowHttp: boolean): string {
  const raw = str(env, name) ?? fallback;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) throw new Error('scheme');
    return raw.replace(/\/+$/, '');
  } catch {
    p.add(name, `must be an https URL, got "${raw}".`);
    return fallback;
  }
}

function parseMode(env: Env, p: Problems): 'sandbox' | 'live' {
  const raw = str(env, 'PARTNER_CENTER_MODE')?.toLowerCase();
  if (raw === undefined) return str(env, 'PARTNER_CENTER_CLIENT_ID') ? 'live' : 'sandbox';
  if (raw === 'sandbox' || raw === 'live') return raw;
  p.add('PARTNER_CENTER_MODE', `must be "sandbox" or "live", got "${raw}".`);
  return 'sandbox';
}

function parseAppType(env: Env, p: Problems): AppConfig['bot']['appType'] {
  const raw = str(env, 'MicrosoftAppType');
  if (raw === undefined) return 'MultiTenant';
  const known = {
    multitenant: 'MultiTenant',
    singletenant: 'SingleTenant',
    userassignedmsi: 'UserAssignedMsi',
  } as const;
  const value = known[raw.toLowerCase() as keyof typeof known];
  if (!value)
    p.add('MicrosoftAppType', `must be SingleTenant, UserAssignedMsi or MultiTenant, got "${raw}".`);
  return value ?? 'MultiTenant';
}

function checkLive(config: AppConfig, env: Env, p: Problems): void {
  const missing = (name: string, why: string) => p.add(name, `is required in live mode (${why}).`);
  if (!str(env, 'PARTNER_TENANT_ID')) missing('PARTNER_TENANT_ID', "your partner tenant's Entra tenant id");
  if (!config.partnerCenter.clientId)
    missing('PARTNER_CENTER_CLIENT_ID', 'the Entra app registered in Partner Center › App management');
  if (!config.partnerCenter.clientSecret) missing('PARTNER_CENTER_CLIENT_SECRET', "that app's client secret");
  if (!config.partnerCenter.refreshToken)
    missing(
      'PARTNER_CENTER_REFRESH_TOKEN',
      'the App+User refresh token from the secure application model consent of an Admin agent',
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

  const config: AppConfig = {
    mode,
    host: str(env, 'HOST') ?? (sandbox ? '127.0.0.1' : '0.0.0.0'),
    port: int(env, p, 'PORT', 3978, 0, 65535),
    logLevel: parseLogLevel(env, p),
    dataDir: path.resolve(str(env, 'DATA_DIR') ?? '.data'),
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
      appType: parseAppType(env, p),
      appTenantId: guid(env, p, 'MicrosoftAppTenantId', 'the tenant of the Azure Bot app registration'),
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
      port: int(env, p, 'SANDBOX_PORT', 0, 0, 65535),
      latencyMs: int(env, p, 'SANDBOX_LATENCY_MS', 0, 0, 60_000),
      control: bool(env, p, 'SANDBOX_CONTROL', false),
      webhookUrl: optionalUrl(env, p, 'SANDBOX_WEBHOOK_URL'),
      webhookCertDir: str(env, 'SANDBOX_WEBHOOK_CERT_DIR'),
    },
    relationships: {
      inviteDap: bool(env, p, 'RESELLER_INVITE_DAP', false),
      notifyConversation: parseConversation(env, p, 'PARTNER_NOTIFY_CONVERSATION'),
      reconcileMinutes: int(env, p, 'RELATIONSHIP_RECONCILE_MINUTES', 60, 5, 24 * 60),
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
    },
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

  if (p.list.length > 0) {
    throw new AppError(
      'CONFIG_INVALID',
      `MCA Assist cannot start; fix these settings (see .env.sample):\n  - ${p.list.join('\n  - ')}`,
      { details: { problems: p.list.length } },
    );
  }
  return deepFreeze(config);
}

function parseMailbox(env: Env, p: Problems): string | undefined | null {
  const raw = str(env, 'MAIL_FROM');
  // "none" turns e-mail off explicitly (also in sandbox mode, where a demo mailbox is the default).
  if (raw?.toLowerCase() === 'none') return null;
  if (raw !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw)) {
    p.add('MAIL_FROM', `must be a mailbox address such as mca@yourcompany.com, got "${raw}".`);
    return undefined;
  }
  return raw;
}

function parseDigestTime(env: Env, p: Problems): { hour: number; minute: number } {
  const raw = str(env, 'DIGEST_TIME') ?? '08:00';
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(raw);
  if (!m) {
    p.add('DIGEST_TIME', `must be a UTC time as HH:MM (24-hour), e.g. 08:00, got "${raw}".`);
    return { hour: 8, minute: 0 };
  }
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function parseDigestDays(env: Env, p: Problems): number[] {
  const raw = str(env, 'DIGEST_DAYS')?.toLowerCase() ?? 'mon,tue,wed,thu,fri';
  const names = raw.split(',').map((d) => d.trim().slice(0, 3));
  const days = names.map((d) => WEEKDAYS.indexOf(d));
  if (names.length === 0 || days.some((d) => d < 0)) {
    p.add('DIGEST_DAYS', `must be weekdays separated by commas, e.g. mon,tue,wed,thu,fri, got "${raw}".`);
    return [1, 2, 3, 4, 5];
  }
  return [...new Set(days)].sort();
}

function mailFrom(parsed: string | undefined | null, sandbox: boolean): string | undefined {
  if (parsed === null) return undefined;
  return parsed ?? (sandbox ? 'mca-assist@fabrikam.example' : undefined);
}

function optionalUrl(env: Env, p: Problems, name: string): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  if (!/^https?:\/\/[^\s]+$/.test(raw)) p.add(name, `must be an http(s) URL, got "${raw}".`);
  return raw;
}

/** "<tenantId>/<conversationId>"; conversation ids contain ':' and '@' but never start with a GUID and '/'. */
function parseConversation(
  env: Env,
  p: Problems,
  name: string,
): { tenantId: string; conversationId: string } | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  const slash = raw.indexOf('/');
  const tenantId = raw.slice(0, slash);
  const conversationId = raw.slice(slash + 1);
  if (slash < 0 || !GUID.test(tenantId) || conversationId === '') {
    p.add(
      name,
      `must be "<partner tenant id>/<conversation id>" (type "notify here" in the channel to see it), got "${raw}".`,
    );
    return undefined;
  }
  return { tenantId: tenantId.toLowerCase(), conversationId };
}

function parseApiKeys(env: Env, p: Problems): string[] {
  const keys = (str(env, 'PURCHASE_API_KEYS') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  // The message never repeats a key: config errors are logged.
  const weak = keys.filter((k) => k.length < 24 || /\s/.test(k)).length;
  if (weak > 0)
    p.add(
      'PURCHASE_API_KEYS',
      `${weak} key(s) are shorter than 24 characters or contain spaces; use e.g. \`openssl rand -hex 32\` per key.`,
    );
  return keys;
}

function parseRelease(
  env: Env,
  p: Problems,
  sandbox: boolean,
): { releaseUrl?: string; releaseSecret?: string } {
  const url = str(env, 'PURCHASE_RELEASE_URL');
  const secret = str(env, 'PURCHASE_RELEASE_SECRET');
  if (url === undefined) return {};
  if (!(sandbox ? /^https?:\/\/\S+$/ : /^https:\/\/\S+$/).test(url))
    p.add('PURCHASE_RELEASE_URL', `must be an ${sandbox ? 'http(s)' : 'https'} URL, got "${url}".`);
  if (secret === undefined || secret.length < 32)
    p.add(
      'PURCHASE_RELEASE_SECRET',
      'must be set with at least 32 characters when PURCHASE_RELEASE_URL is set (releases are signed with it).',
    );
  return { releaseUrl: url, releaseSecret: secret };
}

function parseReminders(env: Env, p: Problems): number[] {
  const raw = str(env, 'REMINDER_SCHEDULE') ?? DEFAULT_REMINDER_SCHEDULE;
  try {
    return parseReminderSchedule(raw);
  } catch (err) {
    p.add('REMINDER_SCHEDULE', `${(err as Error).message} Example: 2d,5d,weekly.`);
    return parseReminderSchedule(DEFAULT_REMINDER_SCHEDULE);
  }
}

export const DEFAULT_REMINDER_SCHEDULE = '2d,5d,weekly';
/** Customers are reminded at most this often per notice. */
export const MAX_REMINDERS = 4;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * REMINDER_SCHEDULE: times after the notice, ascending (`30m`, `12h`, `2d`, `1w`); a last `weekly`
 * repeats every 7 days after the previous one. At most MAX_REMINDERS; `off` = none.
 *
 * @example
 * parseReminderSchedule('2d,5d,weekly') // offsets of day 2, 5, 12 and 19
 */
export function parseReminderSchedule(raw: string): number[] {
  const items = raw
    .toLowerCase()
    .split(',')
    .map((i) => i.trim())
    .filter(Boolean);
  if (items.length === 1 && (items[0] === 'off' || items[0] === 'none')) return [];
  const offsets: number[] = [];
  for (const [i, item] of items.entries()) {
    if (item === 'weekly' && i === items.length - 1 && offsets.length > 0) {
      while (offsets.length < MAX_REMINDERS) offsets.push((offsets.at(-1) ?? 0) + UNIT_MS.w!);
      break;
    }
    const m = /^(\d{1,4})([mhdw])$/.exec(item);
    if (!m) throw new Error(`"${item}" is not a time such as 2d, 12h or 30m (weekly only as the last item).`);
    const ms = Number(m[1]) * UNIT_MS[m[2]!]!;
    if (ms <= (offsets.at(-1) ?? 0)) throw new Error('times must be after the notice and ascending.');
    offsets.push(ms);
  }
  if (offsets.length > MAX_REMINDERS) throw new Error(`at most ${MAX_REMINDERS} reminders.`);
  return offsets;
}

function parseSecret(env: Env, p: Problems): string | undefined {
  const raw = str(env, 'SIGNING_SECRET');
  if (raw !== undefined && raw.length < 32) {
    p.add('SIGNING_SECRET', 'must have at least 32 characters (e.g. `openssl rand -base64 48`).');
    return undefined;
  }
  return raw;
}

function parseLogLevel(env: Env, p: Problems): string {
  const raw = str(env, 'LOG_LEVEL')?.toLowerCase() ?? 'info';
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (levels.includes(raw)) return raw;
  p.add('LOG_LEVEL', `must be one of ${levels.join(', ')}, got "${raw}".`);
  return 'info';
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
