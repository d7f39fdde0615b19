import { parseTokenKey } from '../partner-center/token-crypto';
import { str, type Env, type Problems } from './parse';
import { GUID } from '../core/ids';
import type { AppConfig } from './types';

/** Parsers for the settings that need more than a number, a flag or a URL. */
export function parseMode(env: Env, p: Problems): 'sandbox' | 'live' {
  const raw = str(env, 'PARTNER_CENTER_MODE')?.toLowerCase();
  if (raw === undefined) return str(env, 'PARTNER_CENTER_CLIENT_ID') ? 'live' : 'sandbox';
  if (raw === 'sandbox' || raw === 'live') return raw;
  p.add('PARTNER_CENTER_MODE', `must be "sandbox" or "live", got "${raw}".`);
  return 'sandbox';
}

/**
 * SingleTenant unless set: Azure no longer creates multi-tenant bot registrations
 * (https://learn.microsoft.com/azure/bot-service/bot-service-quickstart-registration — "multi-tenant
 * bot creation is deprecated"), so MultiTenant is honoured only when asked for, with a warning.
 * Sandbox mode keeps MultiTenant: it has no credentials, and the Playground sends none.
 */
export function parseAppType(
  env: Env,
  p: Problems,
  mode: 'sandbox' | 'live',
  warnings: string[],
): AppConfig['bot']['appType'] {
  const raw = str(env, 'MicrosoftAppType');
  if (raw === undefined) return mode === 'live' ? 'SingleTenant' : 'MultiTenant';
  const known = {
    multitenant: 'MultiTenant',
    singletenant: 'SingleTenant',
    userassignedmsi: 'UserAssignedMsi',
  } as const;
  const value = known[raw.toLowerCase() as keyof typeof known];
  if (!value)
    p.add('MicrosoftAppType', `must be SingleTenant, UserAssignedMsi or MultiTenant, got "${raw}".`);
  if (value === 'MultiTenant' && mode === 'live')
    warnings.push(
      'MicrosoftAppType=MultiTenant: new multi-tenant bot registrations are deprecated by Azure; use SingleTenant (with MicrosoftAppTenantId) or UserAssignedMsi when you can.',
    );
  return value ?? 'MultiTenant';
}

export function parseMailbox(env: Env, p: Problems): string | undefined | null {
  const raw = str(env, 'MAIL_FROM');
  // "none" turns e-mail off explicitly (also in sandbox mode, where a demo mailbox is the default).
  if (raw?.toLowerCase() === 'none') return null;
  if (raw !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw)) {
    p.add('MAIL_FROM', `must be a mailbox address such as mca@yourcompany.com, got "${raw}".`);
    return undefined;
  }
  return raw;
}

export function parseDigestTime(env: Env, p: Problems): { hour: number; minute: number } {
  const raw = str(env, 'DIGEST_TIME') ?? '08:00';
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(raw);
  if (!m) {
    p.add('DIGEST_TIME', `must be a UTC time as HH:MM (24-hour), e.g. 08:00, got "${raw}".`);
    return { hour: 8, minute: 0 };
  }
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function parseDigestDays(env: Env, p: Problems): number[] {
  const raw = str(env, 'DIGEST_DAYS')?.toLowerCase() ?? 'mon,tue,wed,thu,fri';
  const names = raw.split(',').map((d) => d.trim().slice(0, 3));
  const days = names.map((d) => WEEKDAYS.indexOf(d));
  if (names.length === 0 || days.some((d) => d < 0)) {
    p.add('DIGEST_DAYS', `must be weekdays separated by commas, e.g. mon,tue,wed,thu,fri, got "${raw}".`);
    return [1, 2, 3, 4, 5];
  }
  return [...new Set(days)].sort();
}

export function mailFrom(parsed: string | undefined | null, sandbox: boolean): string | undefined {
  if (parsed === null) return undefined;
  return parsed ?? (sandbox ? 'mca-assist@fabrikam.example' : undefined);
}

/** "<tenantId>/<conversationId>"; conversation ids contain ':' and '@' but never start with a GUID and '/'. */
export function parseConversation(
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

export function parseApiKeys(env: Env, p: Problems): string[] {
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

export function parseRelease(
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

export function parseReminders(env: Env, p: Problems): number[] {
  const raw = str(env, 'REMINDER_SCHEDULE') ?? DEFAULT_REMINDER_SCHEDULE;
  try {
    return parseReminderSchedule(raw);
  } catch (err) {
    p.add('REMINDER_SCHEDULE', `${(err as Error).message} Example: 2d,5d,weekly.`);
    return parseReminderSchedule(DEFAULT_REMINDER_SCHEDULE);
  }
}

const DEFAULT_REMINDER_SCHEDULE = '2d,5d,weekly';
/** Customers are reminded at most this often per notice. */
const MAX_REMINDERS = 4;
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

export function parseSecret(env: Env, p: Problems): string | undefined {
  const raw = str(env, 'SIGNING_SECRET');
  if (raw !== undefined && raw.length < 32) {
    p.add('SIGNING_SECRET', 'must have at least 32 characters (e.g. `openssl rand -base64 48`).');
    return undefined;
  }
  return raw;
}

export function parseLogLevel(env: Env, p: Problems): string {
  const raw = str(env, 'LOG_LEVEL')?.toLowerCase() ?? 'info';
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (levels.includes(raw)) return raw;
  p.add('LOG_LEVEL', `must be one of ${levels.join(', ')}, got "${raw}".`);
  return 'info';
}

/** TOKEN_ENCRYPTION_KEY: 32 bytes as 64 hex characters or base64; kept as text (config is frozen). */
export function parseTokenEncryptionKey(env: Env, p: Problems): string | undefined {
  const raw = str(env, 'TOKEN_ENCRYPTION_KEY');
  if (raw === undefined) return undefined;
  if (!parseTokenKey(raw)) {
    p.add(
      'TOKEN_ENCRYPTION_KEY',
      'must be 32 bytes: 64 hex characters or base64 (`openssl rand -base64 32`).',
    );
    return undefined;
  }
  return raw;
}
