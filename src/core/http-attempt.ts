import type { RetryOptions } from '../partner-center/retry-policy';
import type { Logger } from './logger';
import type { CallObserver } from './telemetry';
import { nodeHttpAttempt } from './node-http';

/** What the Partner Center and Graph clients are both built with, besides their URL and tokens. */
export interface HttpClientOptions {
  /** Default: `node:http`/`https` with a keep-alive agent (core/node-http.ts); tests inject a fetch. */
  fetch?: typeof fetch;
  log: Logger;
  /** Per attempt, including reading the body. Default 15000 for Partner Center, 30000 for Graph. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Default `core/clock` sleep; tests inject one that records delays. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source, default `Math.random`. */
  random?: () => number;
  /** Telemetry: a span per call (endpoint name or redacted path), a latency sample per attempt. */
  observer?: CallObserver;
}

/** What one HTTP attempt came to: an answer (any status), or no answer in time, or no connection. */
export type HttpAttempt =
  | { kind: 'response'; status: number; retryAfter: string | null; requestId: string | null; text: string }
  | { kind: 'network' | 'timeout'; error: unknown };

/**
 * One attempt of a call to Partner Center or Microsoft Graph, under its own timeout, which covers
 * reading the body too. The caller's own abort is thrown, not returned: nothing to retry or blame on
 * the service. Retries, tokens and errors stay with each client. Without an injected `fetch` the
 * attempt goes through `node:http`/`https` (core/node-http.ts), which costs less CPU a call.
 *
 * @example
 * const result = await httpAttempt(undefined, url, { method: 'GET', headers, body: undefined }, 30_000, signal);
 */
export async function httpAttempt(
  doFetch: typeof fetch | undefined,
  url: string,
  init: { method: string; headers: Headers; body: string | undefined },
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): Promise<HttpAttempt> {
  if (!doFetch) return nodeHttpAttempt(url, init, timeoutMs, callerSignal);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout.signal]) : timeout.signal;
  try {
    const response = await doFetch(url, { ...init, signal });
    const text = await response.text();
    return {
      kind: 'response',
      status: response.status,
      retryAfter: response.headers.get('Retry-After'),
      requestId: response.headers.get('request-id'),
      text,
    };
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    return { kind: timeout.signal.aborted ? 'timeout' : 'network', error };
  } finally {
    clearTimeout(timer);
  }
}
