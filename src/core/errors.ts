/**
 * One error type for the whole app. Every failure that reaches a user or an HTTP caller is an
 * `AppError` with a stable `code`; `src/core/report-error.ts` turns it into a card or a status code.
 * Messages are written for the person who has to fix the problem.
 */
export type AppErrorCode =
  // configuration and start-up
  | 'CONFIG_INVALID'
  // Partner Center
  | 'PC_UNAUTHORIZED' // 401: token rejected (credentials, consent)
  | 'PC_FORBIDDEN' // 403 without a more specific code (role missing)
  | 'PC_NOT_FOUND' // 404: no such customer for this partner
  | 'PC_NO_RELATIONSHIP' // 20002 / direct-sign read refused: no reseller relationship
  | 'PC_MCA_REQUIRED' // 13605: purchase blocked until the MCA is accepted
  | 'PC_THROTTLED' // 429 after our retries
  | 'PC_UNAVAILABLE' // 5xx / network / timeout after our retries
  | 'PC_MFA_REQUIRED' // 10001
  | 'PC_DUPLICATE_ATTESTATION' // 600061
  | 'PC_BAD_REQUEST' // other 4xx
  | 'AUTH_TOKEN_FAILED' // token provider could not get a token (AADSTS…)
  // Microsoft Graph (mail)
  | 'GRAPH_UNAVAILABLE' // 429 / 5xx / network / timeout after our retries
  | 'GRAPH_FORBIDDEN' // 401 / 403: permission (e.g. Mail.Send) or admin consent missing
  | 'GRAPH_BAD_REQUEST' // other 4xx, e.g. unknown mailbox or invalid recipient
  // user input and access
  | 'INPUT_INVALID'
  | 'CUSTOMER_NOT_FOUND'
  | 'NOT_PARTNER_USER'
  | 'ROLE_REQUIRED' // partner user without the Partner Center role a write needs
  | 'UNKNOWN_VERB'
  | 'FORGED_ACTION'
  // Teams delivery
  | 'TEAMS_NOT_REACHABLE' // 403/404: uninstalled, blocked, conversation gone — use another channel
  | 'TEAMS_UNAVAILABLE' // 429/5xx after retries
  | 'CONVERSATION_UNKNOWN' // no stored reference for the target
  | 'DELIVERY_IN_PROGRESS' // another attempt of the same message may still be sending: try later
  | 'RELEASE_UNAVAILABLE' // the partner's ordering system did not answer the order release with a 2xx
  // store
  | 'STORE_UNAVAILABLE'
  | 'STORE_CONFLICT' // optimistic concurrency: the record changed since it was read (or already exists)
  | 'INTERNAL';

export interface AppErrorOptions {
  cause?: unknown;
  /** Safe, non-personal facts for logs and cards (e.g. Partner Center error code, HTTP status). */
  details?: Record<string, string | number | boolean | undefined>;
  /** Whether the same call may succeed later without a change by anyone. */
  retryable?: boolean;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: AppErrorCode;
  readonly details: Record<string, string | number | boolean | undefined>;
  readonly retryable: boolean;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? false;
  }
}

/** Wraps anything thrown into an `AppError` without losing the original as `cause`. */
export function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('INTERNAL', 'Something went wrong on our side.', { cause: err });
}

export function isAppError(err: unknown, code?: AppErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}
