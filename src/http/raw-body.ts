import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler, Response } from 'restify';

export type RawBody = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads the request body as bytes, up to `maxBytes`. Signed webhooks need the exact bytes that were
 * signed, so their routes skip restify's body parser (see `skipBodyParser`) and read it here.
 */
export async function readRawBody(req: IncomingMessage, maxBytes: number): Promise<RawBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: 'too-large' };
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > maxBytes) return { ok: false, reason: 'too-large' };
      chunks.push(buf);
    }
  } catch {
    return { ok: false, reason: 'aborted' };
  }
  return { ok: true, body: Buffer.concat(chunks) };
}

/**
 * Wraps restify's body parser so it leaves the stream of these paths untouched: the parser turns
 * JSON into a string and an object, and the raw bytes a signature covers would be lost.
 *
 * @example
 * server.use(skipBodyParser([WEBHOOK_PATH], restify.plugins.bodyParser({ … })));
 */
export function skipBodyParser(paths: readonly string[], handlers: RequestHandler[]): RequestHandler[] {
  return handlers.map(
    (handler) => (req: Request, res: Response, next: (err?: unknown) => void) =>
      paths.includes(req.getPath()) ? next() : (handler(req, res, next) as unknown),
  );
}
