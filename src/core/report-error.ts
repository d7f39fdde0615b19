import { randomUUID } from 'node:crypto';
import { escapeMarkdown, showPlaceholders } from '../cards/escape';
import { stringsFor, t } from '../cards/i18n';
import { renderNoticeCard } from '../cards/notice-card';
import type { Reply } from './context';
import { asAppError, type AppError, type AppErrorCode } from './errors';
import type { Logger } from './logger';

/** Codes the user can fix or wait out: logged at info/warn; everything else is an error with a reference. */
const EXPECTED: ReadonlySet<AppErrorCode> = new Set([
  'INPUT_INVALID',
  'CUSTOMER_NOT_FOUND',
  'NOT_PARTNER_USER',
  'UNKNOWN_VERB',
  'FORGED_ACTION',
  'PC_NOT_FOUND',
  'PC_NO_RELATIONSHIP',
  'PC_THROTTLED',
  'PC_UNAVAILABLE',
]);

const RETRYABLE: ReadonlySet<AppErrorCode> = new Set(['PC_THROTTLED', 'PC_UNAVAILABLE', 'STORE_UNAVAILABLE']);

const INVOKE_STATUS: Partial<Record<AppErrorCode, number>> = {
  INPUT_INVALID: 400,
  UNKNOWN_VERB: 400,
  FORGED_ACTION: 403,
  NOT_PARTNER_USER: 403,
  CUSTOMER_NOT_FOUND: 404,
};

export interface ReportOptions {
  locale: string;
  log: Logger;
  partnerName: string;
  /** For card actions: lets the user retry the same verb after a passing failure. */
  retry?: { verb: string; data: Record<string, unknown> };
}

function logIt(err: AppError, log: Logger): string | undefined {
  const facts = { code: err.code, ...err.details };
  if (EXPECTED.has(err.code)) {
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
  const pick = (part: string, fallback: string) => {
    const key = `error.${err.code}.${part}`;
    return s[key] === undefined ? fallback : t(s, key, { partner, query: String(err.details.query ?? '') });
  };
  return {
    card: renderNoticeCard(
      {
        title: pick('title', t(s, 'error.title')),
        // AppError messages are written for users; they carry no personal data.
        message: pick('message', showPlaceholders(err.message)),
        hint: pick('hint', ''),
        reference: reference ? t(s, 'notice.reference', { code: reference }) : undefined,
        tone: RETRYABLE.has(err.code) ? 'warning' : 'attention',
        retry: RETRYABLE.has(err.code) ? options.retry : undefined,
      },
      options.locale,
    ),
  };
}

/** HTTP status for an invoke that failed before a card could be produced (unknown verb, forged data). */
export function invokeStatusFor(err: AppError): number {
  return INVOKE_STATUS[err.code] ?? 500;
}
