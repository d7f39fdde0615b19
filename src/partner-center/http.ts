import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../core/errors';
import type { Logger } from '../core/logger';
import { currentPriority, type CallPriority } from '../core/priority';
import { ENDPOINTS, type EndpointSpec } from './endpoints';
import type { CallObserver } from '../core/telemetry';
import { networkAppError, networkCode, toAppError } from './errors';
import { parseRetryAfter, type RetryDecision, type RetryPolicy } from './retry-policy';
import type { TokenKind } from './types';
import { httpAttempt, type HttpAttempt } from '../core/http-attempt';
import { parseJsonBody, tryParseJson } from '../core/json';

export type GetToken = (kind: TokenKind) => Promise<string>;

/** Metrics hook: called once per attempt (status 0 when no HTTP answer arrived). */
export type OnRequest = (info: {
  method: string;
  path: string;
  status: number;
  attempt: number;
  durationMs: number;
}) => void;

/**
 * A shared pace for every call to one partner tenant (src/jobs/rate-limiter.ts `RateLimiter` fits).
 * `acquire` is awaited before each attempt, told whether a person waits for the call (the caller's
 * src/core/priority.ts context); `pause` is told how long Partner Center asked everyone to wait
 * after a 429, so one throttled answer slows all callers instead of failing the next ones.
 */
export interface CallLimiter {
  acquire(priority?: CallPriority): Promise<void>;
  pause(ms: number): void;
  /** Until when (epoch ms) a 429 holds every call back. */
  pausedUntilMs?(): number;
}

export interface HttpDeps {
  baseUrl: string;
  getToken: GetToken;
  /** Undefined: node:http(s) (core/node-http.ts). */
  fetch: typeof fetch | undefined;
  log: Logger;
  timeoutMs: number;
  policy: RetryPolicy;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  locale: string;
  onRequest?: OnRequest;
  limiter?: CallLimiter;
  /** Telemetry: a span per call (endpoint name), a latency sample per attempt (path template). */
  observer?: CallObserver;
}

/** Endpoint names for spans, e.g. `getCustomer` (the table in endpoints.ts is the one source). */
const ENDPOINT_NAMES = new Map<EndpointSpec, string>(
  Object.entries(ENDPOINTS).map(([name, spec]) => [spec, name]),
);

export interface PcRequest {
  endpoint: EndpointSpec;
  /** Expanded, escaped path plus query string, e.g. `/v1/customers/…/agreements?agreementType=…`. */
  pathAndQuery: string;
  /** Extra headers, e.g. `MS-ContinuationToken` from a `links.next`; they never replace ours. */
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /** Non-secret facts for the retry warning, e.g. `{ tenantId }`. Never personal data. */
  logFields?: Readonly<Record<string, string>>;
  /** Sent as JSON with `Content-Type: application/json`; the same bytes on every attempt. */
  body?: unknown;
  /**
   * MS-RequestId for this logical call (a GUID). Partner Center treats a repeated id as the same
   * request, so a job that retries a create passes the id it stored the first time. Default: new.
   */
  requestId?: string;
}

export type PcHttp = <T>(request: PcRequest) => Promise<T>;

/** Sends one logical call: same MS-RequestId and MS-CorrelationId on every attempt, retries per policy. */
export function createPcHttp(deps: HttpDeps): PcHttp {
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');

  return async function send<T>(request: PcRequest): Promise<T> {
    const { endpoint } = request;
    if (!deps.observer) return sendOnce<T>(request);
    const name = ENDPOINT_NAMES.get(endpoint) ?? `${endpoint.method} ${endpoint.path}`;
    return deps.observer.call('partner-center', name, endpoint.method, () => sendOnce<T>(request));
  };

  /** One logical call with its retries. */
  async function sendOnce<T>(request: PcRequest): Promise<T> {
    const { endpoint, signal } = request;
    const requestId = request.requestId ?? randomUUID();
    const correlationId = randomUUID();
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    for (let attempt = 1; ; attempt++) {
      const token = await tokenFor(deps.getToken, endpoint.token);
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${token}`);
      headers.set('Accept', 'application/json');
      headers.set('MS-RequestId', requestId);
      headers.set('MS-CorrelationId', correlationId);
      headers.set('X-Locale', deps.locale);
      headers.set('MS-PartnerCenter-Application', 'MCA Assist');
      if (payload !== undefined) headers.set('Content-Type', 'application/json');

      await deps.limiter?.acquire(currentPriority());
      const started = deps.now();
      const result = await httpAttempt(
        deps.fetch,
        baseUrl + request.pathAndQuery,
        { method: endpoint.method, headers, body: payload },
        deps.timeoutMs,
        signal,
      );
      const status = result.kind === 'response' ? result.status : 0;
      const durationMs = deps.now() - started;
      deps.onRequest?.({ method: endpoint.method, path: endpoint.path, status, attempt, durationMs });
      deps.observer?.attempt('partner-center', {
        method: endpoint.method,
        endpoint: endpoint.path,
        status,
        attempt,
        durationMs,
      });

      if (result.kind === 'response' && result.status >= 200 && result.status < 300) {
        return parseSuccess<T>(result.text, requestId);
      }
      const decision = deps.policy.decide(
        result.kind === 'response' ? { kind: 'status', status, retryAfter: result.retryAfter } : result,
        attempt,
      );
      if (status === 429) deps.limiter?.pause(throttlePauseMs(result, decision, deps.now()));
      if (!decision.retry) {
        if (result.kind !== 'response') throw networkAppError(result.kind, requestId, attempt, result.error);
        const body = tryParseJson(result.text);
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
  }
}

/** How long everyone waits after a 429: what Partner Center asked for, else the backoff we chose. */
function throttlePauseMs(result: HttpAttempt, decision: RetryDecision, nowMs: number): number {
  const asked = result.kind === 'response' ? parseRetryAfter(result.retryAfter, nowMs) : undefined;
  return asked ?? (decision.retry ? decision.delayMs : 1_000);
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
  return parseJsonBody<T>(
    text,
    (cause) =>
      new AppError(
        'PC_UNAVAILABLE',
        'Partner Center answered with something that is not JSON. Try again later.',
        {
          cause,
          details: { requestId },
          retryable: true,
        },
      ),
  );
}
