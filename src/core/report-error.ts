import { randomUUID } from 'node:crypto';
import { escapeMarkdown, showPlaceholders } from '../cards/escape';
import { stringsFor, t, knownKey } from '../cards/i18n';
import { renderNoticeCard } from '../cards/notice-card';
import type { Reply } from './context';
import { ERRORS } from './error-table';
import { asAppError, type AppError } from './errors';
import type { Logger } from './logger';

export interface ReportOptions {
  locale: string;
  log: Logger;
  partnerName: string;
  /** For card actions: lets the user retry the same verb after a passing failure. */
  retry?: { verb: string; data: Record<string, unknown> };
}

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
  const pick = (part: string, fallback: string) => {
    const key = knownKey(`error.${err.code}.${part}`);
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
