import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths that may carry tokens, secrets or personal data. pino replaces their values with
 * "[redacted]" wherever they appear in a logged object. Keep this list the one place for it.
 */
const REDACT_PATHS = [
  'token',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'password',
  'apiKey',
  'authorization',
  'headers.authorization',
  'headers.Authorization',
  'req.headers.authorization',
  'email',
  'firstName',
  'lastName',
  'phoneNumber',
  'name',
  'userName',
  'displayName',
  '*.email',
  '*.firstName',
  '*.lastName',
  '*.phoneNumber',
  '*.name',
  '*.displayName',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.authorization',
];

export interface LoggerOptions {
  level?: string;
  /** A writable destination (tests capture log lines with it). */
  destination?: pino.DestinationStream;
}

/** The root logger; create children per turn with `log.child({ activityId, tenantId, verb })`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'mca-assist' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

/** A logger that writes nothing, for unit tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
