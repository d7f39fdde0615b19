import { randomUUID } from 'node:crypto';
import { sleep as defaultSleep } from '../core/clock';
import { AppError, isAppError } from '../core/errors';
import { graphNetworkError, toGraphError, type GraphHints } from './errors';
import { createGraphRetryPolicy } from './retry-policy';
import { httpAttempt, type HttpClientOptions } from '../core/http-attempt';
import { parseJsonBody, tryParseJson } from '../core/json';

export interface GraphHttpOptions extends HttpClientOptions {
  /** `https://graph.microsoft.com` live; `${sandbox.url}/graph` in sandbox mode. Paths add `/v1.0/…`. */
  baseUrl: string;
  /** An app-only Graph token (`createGraphTokenProvider`), or SANDBOX_GRAPH_TOKEN. */
  getToken: () => Promise<string>;
  /** For Retry-After dates; default `Date.now`. */
  now?: () => number;
}

export interface GraphRequestOptions {
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /** Turn a 403/404 into a message that names the permission or setting to fix. */
  hints?: GraphHints;
}

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface GraphHttp {
  /**
   * One logical Graph call: bearer token, JSON in and out, one `client-request-id` for all attempts,
   * retries on 429 (Retry-After), 5xx, network errors and timeouts. `path` is `/v1.0/…` or an
   * absolute URL under `baseUrl` (an `@odata.nextLink`). Resolves `undefined` for an empty answer.
   */
  request<T>(method: GraphMethod, path: string, body?: unknown, options?: GraphRequestOptions): Promise<T>;
}

/**
 * A small fetch wrapper for Microsoft Graph, shared by the mail sender and later GDAP reads.
 * Logs never contain addresses, bodies or queries: paths are logged with ids and UPNs masked.
 *
 * @example
 * const graph = createGraphHttp({ baseUrl: 'https://graph.microsoft.com', getToken, log });
 * await graph.request('POST', `/v1.0/users/${encodeURIComponent(upn)}/sendMail`, message);
 */
export function createGraphHttp(options: GraphHttpOptions): GraphHttp {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch;
  const sleep = options.sleep ?? defaultSleep;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const policy = createGraphRetryPolicy(options.retry, options.random, options.now);

  return {
    async request<T>(method: GraphMethod, path: string, body?: unknown, opts: GraphRequestOptions = {}) {
      const url = resolve(baseUrl, path);
      const logPath = redactPath(url.slice(baseUrl.length));
      const clientRequestId = randomUUID();
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const observer = options.observer;
      if (observer) return observer.call('graph', logPath, method, () => send());
      return send();

      async function send(): Promise<T> {
        for (let attempt = 1; ; attempt++) {
          const headers = new Headers(opts.headers);
          headers.set('Authorization', `Bearer ${await tokenOf(options.getToken)}`);
          headers.set('Accept', 'application/json');
          headers.set('client-request-id', clientRequestId);
          headers.set('return-client-request-id', 'true');
          if (payload !== undefined) headers.set('Content-Type', 'application/json');
          const started = Date.now();
          const result = await httpAttempt(
            doFetch,
            url,
            { method, headers, body: payload },
            timeoutMs,
            opts.signal,
          );
          const status = result.kind === 'response' ? result.status : 0;
          observer?.attempt('graph', {
            method,
            endpoint: logPath,
            status,
            attempt,
            durationMs: Date.now() - started,
          });
          if (result.kind === 'response' && result.status >= 200 && result.status < 300) {
            return parse<T>(result.text, clientRequestId);
          }
          const decision = policy.decide(
            result.kind === 'response'
              ? { kind: 'status', status: result.status, retryAfter: result.retryAfter }
              : result,
            attempt,
          );
          if (!decision.retry) {
            if (result.kind !== 'response')
              throw graphNetworkError(result.kind, clientRequestId, attempt, result.error);
            throw toGraphError(
              result.status,
              tryParseJson(result.text),
              clientRequestId,
              attempt,
              opts.hints,
            );
          }
          options.log.warn(
            {
              method,
              path: logPath,
              status: result.kind === 'response' ? result.status : 0,
              reason: result.kind === 'response' ? undefined : result.kind,
              attempt,
              delayMs: decision.delayMs,
              delaySource: decision.source,
              clientRequestId,
              graphRequestId: result.kind === 'response' ? (result.requestId ?? undefined) : undefined,
            },
            'Microsoft Graph call failed; retrying',
          );
          await sleep(decision.delayMs, opts.signal);
        }
      }
    },
  };
}

/**
 * A path with query dropped and personal or id-like segments masked, for logs.
 *
 * @example
 * redactPath('/v1.0/users/ada%40contoso.com/sendMail?x=1'); // '/v1.0/users/{id}/sendMail'
 */
export function redactPath(path: string): string {
  const [pathname = ''] = path.split('?');
  return pathname
    .split('/')
    .map((s) => (/@|%40|^[0-9a-f-]{16,}$|^\d+$/i.test(s) ? '{id}' : s))
    .join('/');
}

function resolve(baseUrl: string, path: string): string {
  if (path.startsWith('/')) return baseUrl + path;
  // An absolute link is only followed under our base URL, so the token never goes to another host.
  if (path.startsWith(`${baseUrl}/`)) return path;
  throw new AppError(
    'INTERNAL',
    'A Microsoft Graph request must use a path or a link under the Graph base URL.',
  );
}

async function tokenOf(getToken: () => Promise<string>): Promise<string> {
  try {
    return await getToken();
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('AUTH_TOKEN_FAILED', 'Could not get a Microsoft Graph token.', { cause: err });
  }
}

function parse<T>(text: string, clientRequestId: string): T {
  return parseJsonBody<T>(
    text,
    (cause) =>
      new AppError(
        'GRAPH_UNAVAILABLE',
        'Microsoft Graph answered with something that is not JSON. Try again later.',
        {
          cause,
          details: { clientRequestId },
          retryable: true,
        },
      ),
  );
}
