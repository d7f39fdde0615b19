import type { AppError, AppErrorCode } from './errors';

/** How the app treats one error code, wherever it surfaces (card, invoke, HTTP, sweep). */
export interface ErrorTraits {
  /** The user can fix it or wait it out: logged at info without a reference; else an error with one. */
  expected: boolean;
  /**
   * A passing failure of the service itself: the error card is a warning with a Retry button, and
   * Partner Center errors with this code are marked retryable for jobs.
   */
  retryable: boolean;
  /**
   * Set where a card action failing with this code is answered with a Teams invoke error of this
   * status instead of an error card (Teams then shows its own error).
   */
  invokeStatus?: number;
  /**
   * Status of the bot's HTTP routes (`POST /api/purchase-blocked`, `GET /portfolio.csv`) for this
   * code. Any error raised as retryable (a passing failure the raiser knows of, e.g. a transient
   * AADSTS code) is answered 503 instead of 500.
   */
  httpStatus: 404 | 500 | 503;
}

const fails = { expected: false, retryable: false, httpStatus: 500 } as const;
const usersFault = { expected: true, retryable: false, httpStatus: 500 } as const;
const passing = { expected: true, retryable: true, httpStatus: 503 } as const;

/**
 * The one error table: every `AppErrorCode` and how it is logged, shown and answered. Read by the
 * card funnel (src/core/report-error.ts), the invoke path (src/teams/bot.ts), the HTTP routes
 * (src/http/purchase-blocked.ts, portfolio-csv.ts) and the Partner Center error mapping.
 */
export const ERRORS: Record<AppErrorCode, ErrorTraits> = {
  CONFIG_INVALID: fails,
  PC_UNAUTHORIZED: fails,
  PC_FORBIDDEN: fails,
  PC_NOT_FOUND: usersFault,
  PC_NO_RELATIONSHIP: usersFault,
  PC_MCA_REQUIRED: fails,
  PC_THROTTLED: passing,
  PC_UNAVAILABLE: passing,
  PC_MFA_REQUIRED: fails,
  PC_DUPLICATE_ATTESTATION: fails,
  PC_BAD_REQUEST: fails,
  AUTH_TOKEN_FAILED: fails,
  GRAPH_UNAVAILABLE: fails,
  GRAPH_FORBIDDEN: fails,
  GRAPH_BAD_REQUEST: fails,
  // Routes check their input themselves; what reaches them from a feature names a thing that is not there.
  INPUT_INVALID: { ...usersFault, httpStatus: 404 },
  CUSTOMER_NOT_FOUND: { ...usersFault, httpStatus: 404 },
  NOT_PARTNER_USER: usersFault,
  ROLE_REQUIRED: fails,
  UNKNOWN_VERB: { ...usersFault, invokeStatus: 400 },
  FORGED_ACTION: usersFault,
  TEAMS_NOT_REACHABLE: fails,
  TEAMS_UNAVAILABLE: fails,
  CONVERSATION_UNKNOWN: fails,
  DELIVERY_IN_PROGRESS: fails,
  RELEASE_UNAVAILABLE: fails,
  // Logged as an error with a reference (someone should look at the disk), but the card offers
  // Retry; the API answers 503 only when SQLite said the failure passes (busy, locked).
  STORE_UNAVAILABLE: { ...fails, retryable: true },
  STORE_CONFLICT: fails,
  INTERNAL: fails,
};

/**
 * The HTTP status for a failed API call.
 *
 * @example
 * if (httpStatusFor(err) === 404) return refuse(res, 404, 'CustomerNotFound', '…');
 */
export function httpStatusFor(err: AppError): 404 | 500 | 503 {
  const { httpStatus } = ERRORS[err.code];
  return httpStatus === 500 && err.retryable ? 503 : httpStatus;
}
