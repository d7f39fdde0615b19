import { randomUUID } from 'node:crypto';
import { escapeMarkdown, showPlaceholders } from '../cards/escape';
import { stringsFor, t, type LocaleKey } from '../cards/i18n';
import { renderNoticeCard } from '../cards/notice-card';
import type { Reply } from './context';
import { ERRORS } from './error-table';
import { asAppError, type AppError, type AppErrorCode } from './errors';
import type { Logger } from './logger';

export interface ReportOptions {
  locale: string;
  log: Logger;
  partnerName: string;
  /** For card actions: lets the user retry the same verb after a passing failure. */
  retry?: { verb: string; data: Record<string, unknown> };
}

type ErrorPart = 'title' | 'message' | 'hint';

/** The strings an error code has of its own; the rest of its card falls back to the general ones. */
const ERROR_STRINGS: Partial<Record<AppErrorCode, Partial<Record<ErrorPart, LocaleKey>>>> = {
  INPUT_INVALID: { title: 'error.INPUT_INVALID.title' },
  CUSTOMER_NOT_FOUND: {
    title: 'error.CUSTOMER_NOT_FOUND.title',
    message: 'error.CUSTOMER_NOT_FOUND.message',
    hint: 'error.CUSTOMER_NOT_FOUND.hint',
  },
  NOT_PARTNER_USER: {
    title: 'error.NOT_PARTNER_USER.title',
    message: 'error.NOT_PARTNER_USER.message',
    hint: 'error.NOT_PARTNER_USER.hint',
  },
  PC_THROTTLED: { title: 'error.PC_THROTTLED.title', hint: 'error.PC_THROTTLED.hint' },
  PC_UNAVAILABLE: { title: 'error.PC_UNAVAILABLE.title', hint: 'error.PC_UNAVAILABLE.hint' },
  PC_UNAUTHORIZED: { title: 'error.PC_UNAUTHORIZED.title' },
  AUTH_TOKEN_FAILED: { title: 'error.AUTH_TOKEN_FAILED.title' },
  PC_MFA_REQUIRED: { title: 'error.PC_MFA_REQUIRED.title' },
  PC_FORBIDDEN: { title: 'error.PC_FORBIDDEN.title' },
  UNKNOWN_VERB: { title: 'error.UNKNOWN_VERB.title', hint: 'error.UNKNOWN_VERB.hint' },
  INTERNAL: { message: 'error.INTERNAL.message', hint: 'error.INTERNAL.hint' },
  ROLE_REQUIRED: { title: 'error.ROLE_REQUIRED.title', hint: 'error.ROLE_REQUIRED.hint' },
  FORGED_ACTION: { title: 'error.FORGED_ACTION.title' },
  PC_DUPLICATE_ATTESTATION: { title: 'error.PC_DUPLICATE_ATTESTATION.title' },
  TEAMS_NOT_REACHABLE: { title: 'error.TEAMS_NOT_REACHABLE.title' },
  GRAPH_UNAVAILABLE: { title: 'error.GRAPH_UNAVAILABLE.title' },
  GRAPH_FORBIDDEN: { title: 'error.GRAPH_FORBIDDEN.title' },
};

function logIt(err: AppError, log: Logger): string | undefined {
  const facts = { code: err.code, ...err.details };
  if (ERRORS[err.code].expected) {
    log.info(facts, 'request ended with a handled error');
    return undefined;
  }
  const reference = randomUUID().slice(0, 8);
  // The cause may hold a stack; no personal data is put into AppError messages or details.
  log.error({ ...facts, reference, err: err.cause ?? err }, 'request failed');
  return reference;
}

/**
 * The one funnel from a thrown error to what the user sees: a notice card, never a stack trace.
 *
 * @example
 * catch (err) { return errorReply(err, { locale, log, partnerName }); }
 */
export function errorReply(thrown: unknown, options: ReportOptions): Reply {
  const err = asAppError(thrown);
  const reference = logIt(err, options.log);
  const s = stringsFor(options.locale);
  const partner = escapeMarkdown(options.partnerName, 80);
  const own = ERROR_STRINGS[err.code] ?? {};
  const pick = (part: ErrorPart, fallback: string) => {
    const key = own[part];
    return key ? t(s, key, { partner, query: String(err.details.query ?? '') }) : fallback;
  };
  return {
    card: renderNoticeCard(
      {
        title: pick('title', t(s, 'error.title')),
        // AppError messages are written for users; they carry no personal data.
        message: pick('message', showPlaceholders(err.message)),
        hint: pick('hint', ''),
        reference: reference ? t(s, 'notice.reference', { code: reference }) : undefined,
        tone: ERRORS[err.code].retryable ? 'warning' : 'attention',
        retry: ERRORS[err.code].retryable ? options.retry : undefined,
      },
      options.locale,
    ),
  };
}
