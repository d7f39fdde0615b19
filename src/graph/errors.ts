import { AppError } from '../core/errors';
import { networkCode } from '../partner-center/errors';

/** What a caller knows about its own call, to turn a failure into a message that says what to fix. */
export interface GraphHints {
  /** For a 403, e.g. which application permission the call needs and where its app id is configured. */
  forbidden?: string;
  /** For a 404, e.g. which setting names the mailbox. */
  notFound?: string;
}

const TRY_LATER = 'This is usually temporary: try again in a few minutes.';

/**
 * Maps a Graph failure to an AppError. Only Graph's error `code` is kept (in details): its
 * `message` may quote addresses or other personal data.
 *
 * @example
 * throw toGraphError(403, { error: { code: 'ErrorAccessDenied' } }, clientRequestId, 1, hints);
 */
export function toGraphError(
  status: number,
  body: unknown,
  clientRequestId: string,
  attempts: number,
  hints: GraphHints = {},
): AppError {
  const graphCode = readGraphCode(body);
  const details = { status, graphCode, clientRequestId, attempts };
  if (status === 401) {
    return new AppError(
      'GRAPH_FORBIDDEN',
      'Microsoft Graph rejected the token (401). Check that the app registration and its client secret are ' +
        'right and that the token is requested for https://graph.microsoft.com/.default.',
      { details },
    );
  }
  if (status === 403) {
    return new AppError(
      'GRAPH_FORBIDDEN',
      `Microsoft Graph refused the call (403${graphCode ? `, ${graphCode}` : ''}). ${
        hints.forbidden ??
        'The app lacks the application permission this call needs, or admin consent is missing.'
      }`,
      { details },
    );
  }
  if (status === 429 || status >= 500) {
    const what = status === 429 ? 'is throttling the bot' : 'did not answer properly';
    return new AppError('GRAPH_UNAVAILABLE', `Microsoft Graph ${what}, even after retrying. ${TRY_LATER}`, {
      details,
      retryable: true,
    });
  }
  const specific = status === 404 ? hints.notFound : undefined;
  return new AppError(
    'GRAPH_BAD_REQUEST',
    specific ??
      `Microsoft Graph rejected the request (${status}${graphCode ? `, ${graphCode}` : ''}). This is probably a ` +
        'bug in MCA Assist or a wrong address; report it with the client request ID.',
    { details },
  );
}

/** A call that never got an HTTP answer (network error, per-attempt timeout). */
export function graphNetworkError(
  reason: 'timeout' | 'network',
  clientRequestId: string,
  attempts: number,
  cause: unknown,
): AppError {
  const what = reason === 'timeout' ? 'did not answer in time' : 'could not be reached';
  return new AppError('GRAPH_UNAVAILABLE', `Microsoft Graph ${what}, even after retrying. ${TRY_LATER}`, {
    cause,
    details: { status: 0, reason, clientRequestId, attempts, networkCode: networkCode(cause) },
    retryable: true,
  });
}

/** `error.code` of Graph's envelope `{ error: { code, message, innerError } }`. */
function readGraphCode(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } } | null | undefined)?.error?.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}
