import type { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Logger } from '../core/logger';
import type { Counter } from '../core/metrics';

/** What `POST /api/messages` answers when the channel's token does not let the activity in. */
export interface AuthRefusal {
  status: 401 | 503 | 500;
  body: { error: { code: string; message: string } };
  headers: Record<string, string>;
}

type Authenticator = Pick<ConfigurationBotFrameworkAuthentication, 'authenticateRequest'>;
export type AuthenticateRequestResult = Awaited<ReturnType<Authenticator['authenticateRequest']>>;

export type AuthOutcome =
  { ok: true; result: AuthenticateRequestResult } | { ok: false; refusal: AuthRefusal };

/** How long a client should wait before retrying while Microsoft's signing keys cannot be fetched. */
export const METADATA_RETRY_AFTER_SECONDS = 30;
/** The "metadata unreachable" error is logged at most this often (each request would repeat it). */
const METADATA_LOG_INTERVAL_MS = 60_000;

// Bodies are deliberately generic: the library's messages name claims, key ids and the metadata
// URL, which help an attacker more than a caller. The log says what happened.
const UNAUTHORIZED: AuthRefusal = {
  status: 401,
  body: { error: { code: 'Unauthorized', message: 'The request is not authorized.' } },
  headers: { 'WWW-Authenticate': 'Bearer' },
};
const UNAVAILABLE: AuthRefusal = {
  status: 503,
  body: {
    error: {
      code: 'ServiceUnavailable',
      message: 'The request cannot be authenticated right now. Try again later.',
    },
  },
  headers: { 'Retry-After': String(METADATA_RETRY_AFTER_SECONDS) },
};
const INTERNAL: AuthRefusal = {
  status: 500,
  body: { error: { code: 'InternalError', message: 'The activity could not be processed.' } },
  headers: {},
};

/** jsonwebtoken's own errors (bad signature, wrong algorithm, not yet valid, expired, malformed). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

type Kind = 'rejected' | 'metadata' | 'internal';

/**
 * The OpenID metadata and its signing keys are fetched with node-fetch: a network failure or an
 * unparsable document is a `FetchError`, a non-2xx answer an AuthenticationError whose message
 * starts "Failed to load" (botframework-connector openIdMetadata.ts). Neither says anything about
 * the token, so they must not become a 401 that tells Teams the bot rejected a valid call.
 */
export function classifyAuthError(err: unknown): Kind {
  const e = err as { name?: unknown; message?: unknown } | undefined;
  const name = typeof e?.name === 'string' ? e.name : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (name === 'FetchError' || /^Failed to load (openID config|Keys)/.test(message)) return 'metadata';
  // botframework-connector's AuthenticationError carries the status it means (401 for a bad token).
  const status = (err as { statusCode?: unknown } | undefined)?.statusCode;
  if (status === 401 || TOKEN_ERRORS.has(name)) return 'rejected';
  return 'internal';
}

export interface ChannelAuthDeps {
  auth: Authenticator;
  log: Logger;
  /** `channel_auth_refused_total{reason}`. */
  refused: Counter;
  now?: () => number;
}

/**
 * Authenticates the channel's bearer token before the adapter sees the activity, so that every
 * failure gets an honest status: 401 for any rejected token, 503 + Retry-After when Microsoft's
 * OpenID metadata cannot be fetched (logged once a minute with the cause), 500 for anything else.
 *
 * @example
 * const authenticate = channelAuthenticator({ auth, log, refused });
 * const outcome = await authenticate(activity, req.headers.authorization ?? '');
 */
export function channelAuthenticator(deps: ChannelAuthDeps) {
  const now = deps.now ?? Date.now;
  let metadataLoggedAt = -Infinity;
  let metadataSuppressed = 0;
  return async (activity: Activity, authHeader: string): Promise<AuthOutcome> => {
    try {
      return { ok: true, result: await deps.auth.authenticateRequest(activity, authHeader) };
    } catch (err) {
      const kind = classifyAuthError(err);
      deps.refused.inc({ reason: kind });
      if (kind === 'metadata') {
        if (now() - metadataLoggedAt >= METADATA_LOG_INTERVAL_MS) {
          deps.log.error(
            { cause: (err as Error).message, suppressedSinceLast: metadataSuppressed },
            'channel authentication unavailable: the OpenID metadata or signing keys could not be fetched',
          );
          metadataLoggedAt = now();
          metadataSuppressed = 0;
        } else metadataSuppressed++;
        return { ok: false, refusal: UNAVAILABLE };
      }
      if (kind === 'rejected') {
        deps.log.info({ reason: (err as Error).message }, 'channel token rejected');
        return { ok: false, refusal: UNAUTHORIZED };
      }
      deps.log.error({ err }, 'channel authentication failed unexpectedly');
      return { ok: false, refusal: INTERNAL };
    }
  };
}
