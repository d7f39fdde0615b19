import { AppError, type AppErrorCode } from '../core/errors';
import { ERRORS } from '../core/error-table';
import type { PartnerCenterErrorBody } from './types';

interface Mapped {
  /** Absent: the AppError code follows from the HTTP status; only the message is more specific. */
  code?: AppErrorCode;
  message: string;
}

const NO_RELATIONSHIP: Mapped = {
  code: 'PC_NO_RELATIONSHIP',
  message:
    'You have no reseller relationship with this customer, so Partner Center will not share its agreement ' +
    'status. Send the customer your reseller relationship request (Partner Center › Customers › Request a ' +
    'reseller relationship); once their Global admin accepts it, try again.',
};

/** Partner Center error codes (reference §4); a known code wins over the HTTP status. */
const BY_PC_CODE: Record<string, Mapped> = {
  '20002': NO_RELATIONSHIP,
  '13605': {
    code: 'PC_MCA_REQUIRED',
    message:
      'Partner Center blocked this purchase until the customer accepts the Microsoft Customer Agreement. Ask a ' +
      'customer admin to accept it at https://admin.microsoft.com/AdminPortal/Home?ref=/BillingAccounts/agreement, ' +
      'then try again.',
  },
  '10001': {
    code: 'PC_MFA_REQUIRED',
    message:
      'Partner Center requires multi-factor authentication for this call. Re-run the consent step with the ' +
      'integration account signing in with MFA, and store the new refresh token in PARTNER_CENTER_REFRESH_TOKEN.',
  },
  '600061': {
    code: 'PC_DUPLICATE_ATTESTATION',
    message:
      'Partner Center already has a partner confirmation of the Microsoft Customer Agreement for this customer ' +
      'with the same contact. Nothing more is needed; check the status instead of confirming again.',
  },
  // Microsoft's error table lists 600002 as "organization registration ID value isn't supported"
  // (https://learn.microsoft.com/partner-center/developer/error-codes); an earlier reading of it as
  // "acceptance date in the future" was wrong.
  '600002': {
    message:
      'Partner Center does not support the organization registration ID value sent for this customer. Check the ' +
      "customer's registration number (Partner Center › Customers › the customer › Account) and try again.",
  },
  // "The resource doesn't support app-only authentication"
  // (https://learn.microsoft.com/partner-center/developer/error-codes): the call needs the App+User token.
  '900329': {
    code: 'PC_UNAUTHORIZED',
    message:
      'Partner Center does not accept the app-only token for this call; it needs the App+User token of the ' +
      'secure application model consent (README › Going live). Check that the consent was given by an Admin ' +
      'agent, and report this call so its token kind in src/partner-center/endpoints.ts is fixed.',
  },
  '900123': {
    message:
      'The indirect reseller has not accepted the Microsoft Partner Agreement. They must accept it in Partner ' +
      'Center before you can act for their customers.',
  },
  '900124': {
    message:
      'Your partner account has not accepted the Microsoft Partner Agreement. A Global admin of your partner ' +
      'account must accept it in Partner Center (Account settings › Legal info).',
  },
  '800073': {
    message: 'Microsoft is reviewing this customer account. Try again when the review is complete.',
  },
  '800074': {
    message: 'Microsoft is reviewing this customer account. Try again when the review is complete.',
  },
};

const TRY_LATER = 'This is usually temporary: try again in a few minutes.';

const BY_STATUS: Record<number, Mapped & { code: AppErrorCode }> = {
  401: {
    code: 'PC_UNAUTHORIZED',
    message:
      "Partner Center rejected the bot's credentials. Check PARTNER_CENTER_CLIENT_ID / " +
      'PARTNER_CENTER_CLIENT_SECRET and that the app has Partner Center API access (Account settings › App ' +
      'management). For calls made as the integration account, PARTNER_CENTER_REFRESH_TOKEN may have expired: ' +
      're-run the consent step.',
  },
  403: {
    code: 'PC_FORBIDDEN',
    message:
      'Partner Center refused this call. The integration account needs the Admin agent or Sales agent role ' +
      '(Partner Center › Account settings › User management), and the app must have API access.',
  },
  404: {
    code: 'PC_NOT_FOUND',
    message:
      'Partner Center does not know this customer or resource for your partner account. Check the tenant ID; ' +
      'the customer may belong to another partner.',
  },
  429: {
    code: 'PC_THROTTLED',
    message:
      'Partner Center is rate-limiting the bot, even after waiting and retrying. Wait a minute and try again.',
  },
};

const UNAVAILABLE = `Partner Center did not answer properly, even after retrying. ${TRY_LATER}`;
const BAD_REQUEST =
  'Partner Center rejected the request as invalid. This is probably a bug in MCA Assist; report it with the request ID.';

export interface ToAppErrorOptions {
  /** What a 403 without a more specific code means on the endpoint that was called. */
  on403?: 'PC_NO_RELATIONSHIP';
  /** How many attempts were made (for the details). */
  attempts?: number;
}

/**
 * Maps a Partner Center failure (HTTP status + error body) to an `AppError` whose message says how
 * to fix it. A known Partner Center `code` (string or number) wins over the status; bodies that are
 * not JSON objects are mapped by status alone. Reuse it for errors that arrive inside a 200 body,
 * e.g. a cart checkout's `orderErrors[].code` 13605.
 *
 * @example
 * throw toAppError(403, { code: '20002', description: '…' }, requestId); // PC_NO_RELATIONSHIP
 * @example
 * const orderError = checkout.orderErrors[0];
 * if (orderError) throw toAppError(403, orderError, requestId); // code 13605 → PC_MCA_REQUIRED
 */
export function toAppError(
  status: number,
  body: unknown,
  requestId: string,
  options: ToAppErrorOptions = {},
): AppError {
  const { pcCode, errorName } = readErrorBody(body);
  const fromStatus = byStatus(status, options);
  const fromCode = pcCode === undefined ? undefined : BY_PC_CODE[pcCode];
  const code = fromCode?.code ?? fromStatus.code;
  const message = fromCode?.message ?? fromStatus.message;
  return new AppError(code, message, {
    details: { status, pcCode, requestId, pcErrorName: errorName, attempts: options.attempts },
    retryable: ERRORS[code].retryable,
  });
}

/**
 * The error for a call that never got an HTTP answer (connection reset, DNS, per-attempt timeout).
 *
 * @example
 * throw networkAppError('timeout', requestId, 4, err);
 */
export function networkAppError(
  reason: 'timeout' | 'network',
  requestId: string,
  attempts: number,
  cause: unknown,
): AppError {
  const what = reason === 'timeout' ? 'did not answer in time' : 'could not be reached';
  return new AppError('PC_UNAVAILABLE', `Partner Center ${what}, even after retrying. ${TRY_LATER}`, {
    cause,
    details: { status: 0, reason, requestId, attempts, networkCode: networkCode(cause) },
    retryable: true,
  });
}

/** Reads `code` (string or number, normalised to a string) and `errorName` from an error body. */
function readErrorBody(body: unknown): { pcCode?: string; errorName?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const { code, errorName } = body as PartnerCenterErrorBody;
  const pcCode =
    typeof code === 'number' || (typeof code === 'string' && code !== '') ? String(code) : undefined;
  return { pcCode, errorName: typeof errorName === 'string' ? errorName : undefined };
}

/** The system error code (ECONNRESET, ENOTFOUND, …) that undici puts on `cause`, if any. */
export function networkCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function byStatus(status: number, options: ToAppErrorOptions): Mapped & { code: AppErrorCode } {
  if (status === 403 && options.on403 === 'PC_NO_RELATIONSHIP')
    return { ...NO_RELATIONSHIP, code: 'PC_NO_RELATIONSHIP' };
  const known = BY_STATUS[status];
  if (known) return known;
  if (status >= 500) return { code: 'PC_UNAVAILABLE', message: UNAVAILABLE };
  return { code: 'PC_BAD_REQUEST', message: BAD_REQUEST };
}
