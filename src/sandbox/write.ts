import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './reply';

export function writeReply(
  res: ServerResponse,
  reply: Reply,
  extraHeaders: Record<string, string> = {},
): void {
  if (res.destroyed || res.headersSent) return;
  const body = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
  const contentType = reply.contentType ?? 'application/json; charset=utf-8';
  res.writeHead(reply.status, {
    ...extraHeaders,
    ...reply.headers,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Resolves true after `ms`, or false if the sandbox is closing (the response is then abandoned). */
export function waitLatency(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const MAX_BODY_BYTES = 64 * 1024;

/** Reads a small JSON body; `undefined` for an empty one. Throws SyntaxError for bad JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readText(req)).trim();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** Reads a small body as UTF-8 text (e.g. a form post). Throws SyntaxError above 64 KB. */
export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new SyntaxError('The body is larger than 64 KB.');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}
