import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { HttpAttempt } from './http-attempt';

/**
 * The default way the Partner Center and Graph clients reach their service: `node:http`/`https`
 * with one keep-alive agent per scheme, instead of `fetch` (undici), which cost about 7 % of a
 * status turn's CPU a call (docs/benchmarks.md). It keeps what `fetch` gave the clients: the
 * timeout covers reading the body, the caller's abort is thrown, redirects are followed the way
 * `fetch` follows them (at most 20; 303, or 301/302 after a POST, become a GET without body;
 * `Authorization` is not sent to another origin), a UTF-8 body is decoded (a BOM dropped), and
 * compressed answers are not asked for, so none needs decoding.
 */

/** Sockets per origin: room for every person's parallel reads at 32 conversations, then queued. */
export const MAX_SOCKETS_PER_ORIGIN = 128;
/** Idle sockets kept per origin, and how long (ms) one stays idle; a server's `Keep-Alive: timeout` shortens it. */
const MAX_FREE_SOCKETS = 32;
const IDLE_SOCKET_MS = 4_000;
const MAX_REDIRECTS = 20;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

const agentOptions = {
  keepAlive: true,
  maxSockets: MAX_SOCKETS_PER_ORIGIN,
  maxFreeSockets: MAX_FREE_SOCKETS,
  timeout: IDLE_SOCKET_MS,
  scheduling: 'lifo' as const,
};
const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
}

/**
 * One attempt through `node:http(s)`: an answer (any status), or `timeout` once `timeoutMs` passed
 * without the whole body, or `network`. The caller's abort rejects with its reason.
 *
 * @example
 * const result = await nodeHttpAttempt(url, { method: 'GET', headers, body: undefined }, 15_000, signal);
 */
export async function nodeHttpAttempt(
  url: string,
  init: { method: string; headers: Headers; body: string | undefined },
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
): Promise<HttpAttempt> {
  if (callerSignal?.aborted) throw callerSignal.reason;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  const headers: Record<string, string> = {};
  init.headers.forEach((value, name) => (headers[name] = value));
  headers['user-agent'] ??= 'mca-assist';
  let target = new URL(url);
  let method = init.method;
  let body = init.body;
  try {
    for (let redirects = 0; ; redirects++) {
      const answer = await send({
        url: target,
        method,
        headers,
        body,
        deadline: deadline.signal,
        callerSignal,
      });
      const location = answer.headers.location;
      if (!isRedirect(answer.status) || location === undefined || redirects >= MAX_REDIRECTS) {
        const header = (name: string) => first(answer.headers[name]) ?? null;
        return {
          kind: 'response',
          status: answer.status,
          retryAfter: header('retry-after'),
          requestId: header('request-id'),
          text: answer.text,
        };
      }
      const next = new URL(location, target);
      if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        delete headers['content-type'];
      }
      if (next.origin !== target.origin) delete headers.authorization;
      target = next;
    }
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    return { kind: deadline.signal.aborted ? 'timeout' : 'network', error };
  } finally {
    clearTimeout(timer);
  }
}

/** One request: where, how, and the signals that end it (the attempt's deadline, the caller's abort). */
interface Outgoing {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  deadline: AbortSignal;
  callerSignal: AbortSignal | undefined;
}

/** One request and its whole body; a reused idle socket the server had just closed is tried once more. */
async function send(out: Outgoing): Promise<Answer> {
  try {
    return await once(out);
  } catch (error) {
    if (!(error instanceof StaleSocket) || !IDEMPOTENT.has(out.method)) throw unwrap(error);
    return once(out).catch((e: unknown) => {
      throw unwrap(e);
    });
  }
}

/** A reset on a kept-alive socket before any answer: the server closed it while we picked it. */
class StaleSocket extends Error {}
const unwrap = (error: unknown) => (error instanceof StaleSocket ? error.cause : error);

function once({ url, method, headers, body, deadline, callerSignal }: Outgoing): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    if (deadline.aborted || callerSignal?.aborted) {
      // The caller (nodeHttpAttempt) tells a timeout from the caller's abort by the signals.
      reject(new Error('aborted before the request was sent'));
      return;
    }
    const isHttps = url.protocol === 'https:';
    const outHeaders =
      body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const request = (isHttps ? https : http).request(url, {
      method,
      headers: outHeaders,
      agent: isHttps ? agents.https : agents.http,
    });
    let answered = false;
    const stop = (reason: unknown) =>
      request.destroy(reason instanceof Error ? reason : new Error(String(reason)));
    const onDeadline = () => stop(deadline.reason);
    const onAbort = () => stop(callerSignal?.reason);
    deadline.addEventListener('abort', onDeadline, { once: true });
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      deadline.removeEventListener('abort', onDeadline);
      callerSignal?.removeEventListener('abort', onAbort);
    };
    request.on('error', (error: NodeJS.ErrnoException) => {
      done();
      const stale = !answered && request.reusedSocket && !deadline.aborted && !callerSignal?.aborted;
      const code = error.code;
      reject(
        stale && (code === 'ECONNRESET' || code === 'EPIPE')
          ? new StaleSocket('stale socket', { cause: error })
          : error,
      );
    });
    request.on('response', (response) => {
      answered = true;
      response.setEncoding('utf8');
      let text = '';
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        done();
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
        });
      });
      response.on('error', (error) => {
        done();
        reject(error);
      });
      response.on('close', () => {
        done();
        if (!response.complete) reject(new Error('the connection closed before the whole answer arrived'));
      });
    });
    request.end(body);
  });
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
