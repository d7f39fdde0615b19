import { AppError } from '../core/errors';

/**
 * How we treat Teams (Bot Connector) when sending, in one place
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit):
 * - per conversation at most 7 sends in any second, one at a time;
 * - per tenant, design for 30 requests in any second (TEAMS_TENANT_RATE_PER_SECOND);
 * - a 429 waits out Retry-After in its conversation; 429s in 3 conversations of a tenant within a
 *   second pause the whole tenant;
 * - retry 429, 412, 502 and 504 with exponential backoff and jitter, honouring Retry-After;
 * - 403 "bot not in conversation" (uninstalled, blocked, disabled) and 404 are final.
 */
export const TEAMS_POLICY = {
  perConversationPerSecond: 7,
  perTenantPerSecond: 30,
  /**
   * For limiters that count a permit at its grant (`PacedLimiter.acquire`): grants spaced over 1 s +
   * this margin. Teams sends hold their permit until a second after the answer instead
   * (`acquireSlot`, src/teams/paced-requests.ts), which needs no margin: they are spread 1 s / 30 apart.
   */
  windowMarginMs: 24,
  /** A send whose timer fires up to this late keeps its place in the schedule (< windowMarginMs). */
  lateGrantToleranceMs: 8,
  tenantThrottleBurst: 3,
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 20_000,
  retryStatuses: new Set([429, 412, 502, 503, 504]),
} as const;

export interface SendFailure {
  status?: number;
  code?: string;
  retryAfterMs?: number;
}

/** Pulls status, Teams error code and Retry-After out of whatever botbuilder threw. */
export function describeSendError(err: unknown): SendFailure {
  const e = err as {
    statusCode?: number;
    code?: string;
    response?: { status?: number; headers?: { get?(name: string): string | undefined }; bodyAsText?: string };
    body?: { error?: { code?: string } };
  };
  const status = e?.statusCode ?? e?.response?.status;
  let code = e?.body?.error?.code;
  if (!code && typeof e?.response?.bodyAsText === 'string') {
    try {
      code = (JSON.parse(e.response.bodyAsText) as { error?: { code?: string } }).error?.code;
    } catch {
      // not JSON
    }
  }
  if (!code && typeof e?.code === 'string' && !/^E[A-Z]+$/.test(e.code)) code = e.code;
  const retryAfter = Number(e?.response?.headers?.get?.('retry-after'));
  return {
    status,
    code,
    retryAfterMs: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined,
  };
}

export function isRetryable(f: SendFailure): boolean {
  return f.status === undefined || TEAMS_POLICY.retryStatuses.has(f.status);
}

export function retryDelayMs(f: SendFailure, attempt: number, random = Math.random): number {
  const exp = Math.min(TEAMS_POLICY.maxDelayMs, TEAMS_POLICY.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exp * (0.8 + random() * 0.4);
  return Math.max(f.retryAfterMs ?? 0, Math.round(jittered));
}

/** The coded error a caller sees once retries are spent or the failure is final. */
export function sendError(f: SendFailure, cause: unknown): AppError {
  const details = { status: f.status, teamsCode: f.code };
  if (f.status === 403 || f.status === 404) {
    return new AppError(
      'TEAMS_NOT_REACHABLE',
      'Teams no longer lets the bot post into this conversation (the app was removed, blocked or the chat is gone).',
      { cause, details },
    );
  }
  return new AppError('TEAMS_UNAVAILABLE', 'Teams did not accept the message; it will be tried again.', {
    cause,
    details,
    retryable: true,
  });
}
