import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { EndpointSpec } from './endpoints';
import { networkAppError, networkCode, toAppError } from './errors';
import type { RetryPolicy } from './retry-policy';
import type { TokenKind } from './types';

export type GetToken = (kind: TokenKind) => Promise<string>;

/** Metrics hook: called once per attempt (status 0 when no HTTP answer arrived). */
export type OnRequest = (info: {
  method: string;
  path: string;
  status: number;
  attempt: number;
  durationMs: number;
}) => void;

export interface HttpDeps {
  baseUrl: string;
  getToken: GetToken;
  fetch: typeof fetch;
  log: Logger;
  timeoutMs: number;
  policy: RetryPolicy;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  locale: string;
  onRequest?: OnRequest;
}

export interface PcRequest {
  endpoint: EndpointSpec;
  /** Expanded, escaped path plus query string, e.g. `/v1/customers/…/agreements?agreementType=…`. */
  pathAndQuery: string;
  /** Extra headers, e.g. `MS-ContinuationToken` from a `links.next`; they never replace ours. */
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /** Non-secret facts for the retry warning, e.g. `{ tenantId }`. */
  logFields?: Readonly<Record<string, string>>;
}

export type PcHttp = <T>(request: PcRequest) => Promise<T>;

type Attempt =
  | { kind: 'response'; status: number; retryAfter: string | null; text: string }
  | { kind: 'network' | 'timeout'; error: unknown };

/** Sends one logical call: same MS-RequestId and MS-CorrelationId on every attempt, retries per policy. */
export function createPcHttp(deps: HttpDeps): PcHttp {
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');

  return async function send<T>(request: PcRequest): Promise<T> {
    const { endpoint, signal } = request;
    const requestId = randomUUID();
    const correlationId = randomUUID();
    for (let attempt = 1; ; attempt++) {
      const token = await tokenFor(deps.getToken, endpoint.token);
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${token}`);
      headers.set('Accept', 'application/json');
      headers.set('MS-RequestId', requestId);
      headers.set('MS-CorrelationId', correlationId);
      headers.set('X-Locale', deps.locale);
      headers.set('MS-PartnerCenter-Application', 'MCA Assist');

      const started = deps.now();
      const result = await attemptOnce(
        deps,
        baseUrl + request.pathAndQuery,
        endpoint.method,
        headers,
        signal,
      );
      const status = result.kind === 'response' ? result.status : 0;
      const durationMs = deps.now() - started;
      deps.onRequest?.({ method: endpoint.method, path: endpoint.path, status, attempt, durationMs });

      if (result.kind === 'response' && result.status >= 200 && result.status < 300) {
        return parseSuccess<T>(result.text, requestId);
      }
      const decision = deps.policy.decide(
        result.kind === 'response' ? { kind: 'status', status, retryAfter: result.retryAfter } : result,
        attempt,
      );
      if (!decision.retry) {
        if (result.kind !== 'response') throw networkAppError(result.kind, requestId, attempt, result.error);
        const body = parseLenient(result.text);
        throw toAppError(result.status, body, requestId, { on403: endpoint.on403, attempts: attempt });
      }
      deps.log.warn(
        {
          method: endpoint.method,
          path: endpoint.path,
          ...request.logFields,
          status,
          reason: result.kind === 'response' ? undefined : result.kind,
          networkCode: result.kind === 'network' ? networkCode(result.error) : undefined,
          attempt,
          delayMs: decision.delayMs,
          delaySource: decision.source,
          requestId,
          correlationId,
        },
        'Partner Center call failed; retrying',
      );
      await deps.sleep(decision.delayMs, signal);
    }
  };
}

async function attemptOnce(
  deps: HttpDeps,
  url: string,
  method: string,
  headers: Headers,
  callerSignal: AbortSignal | undefined,
): Promise<Attempt> {
  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new Error(`no answer within ${deps.timeoutMs} ms`)),
    deps.timeoutMs,
  );
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
  try {
    const response = await deps.fetch(url, { method, headers, signal });
    // Reading the body is part of the attempt, so the timeout covers it too.
    const text = await response.text();
    return {
      kind: 'response',
      status: response.status,
      retryAfter: response.headers.get('Retry-After'),
      text,
    };
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    return { kind: timeout.signal.aborted ? 'timeout' : 'network', error };
  } finally {
    clearTimeout(timer);
  }
}

async function tokenFor(getToken: GetToken, kind: TokenKind): Promise<string> {
  try {
    return await getToken(kind);
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError(
      'AUTH_TOKEN_FAILED',
      `Could not get a Partner Center ${kind === 'app' ? 'app-only' : 'App+User'} token.`,
      { cause: err, details: { tokenKind: kind } },
    );
  }
}

function parseSuccess<T>(text: string, requestId: string): T {
  if (text.trim() === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new AppError(
      'PC_UNAVAILABLE',
      'Partner Center answered with something that is not JSON. Try again later.',
      {
        cause: err,
        details: { requestId },
        retryable: true,
      },
    );
  }
}

/** Error bodies may be HTML from a proxy or plain text; those are mapped by status alone. */
function parseLenient(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
