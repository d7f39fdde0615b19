import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHttpAttempt } from '../../src/core/node-http';
import { networkCode } from '../../src/partner-center/errors';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string, nthOnSocket: number) => void;

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server on 127.0.0.1 that records requests and how many connections carried them. */
async function serve(handler: Handler) {
  const seen: Seen[] = [];
  const perSocket = new Map<Socket, number>();
  const server: Server = createServer((req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body, n);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return { url, seen, connections: () => perSocket.size };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

const get = (headers: Record<string, string> = {}) => ({
  method: 'GET',
  headers: new Headers(headers),
  body: undefined,
});

describe('node:http attempt (the clients’ default transport)', () => {
  it('sends method, headers and body, and returns status, text, Retry-After and request-id', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(429, { 'Retry-After': '7', 'request-id': 'r-1', 'Content-Type': 'application/json' });
      res.end('{"message":"slow down"}');
    });

    const result = await nodeHttpAttempt(
      `${server.url}/v1/things?x=1`,
      { method: 'POST', headers: new Headers({ Authorization: 'Bearer t' }), body: '{"a":"é"}' },
      5_000,
      undefined,
    );

    expect(result).toEqual({
      kind: 'response',
      status: 429,
      retryAfter: '7',
      requestId: 'r-1',
      text: '{"message":"slow down"}',
    });
    expect(server.seen[0]).toMatchObject({ method: 'POST', url: '/v1/things?x=1', body: '{"a":"é"}' });
    expect(server.seen[0]?.headers).toMatchObject({ authorization: 'Bearer t', 'content-length': '10' });
    expect(server.seen[0]?.headers['user-agent']).toBe('mca-assist');
  });

  it('keeps the connection alive between calls', async () => {
    const server = await serve((_req, res) => res.end('{}'));

    for (let i = 0; i < 3; i++) await nodeHttpAttempt(server.url, get(), 5_000, undefined);

    expect(server.seen).toHaveLength(3);
    expect(server.connections()).toBe(1);
  });

  it('decodes UTF-8 split across chunks and drops a byte order mark', async () => {
    const bytes = Buffer.from('\uFEFF{"name":"Köln 東京"}', 'utf8');
    const server = await serve((_req, res) => {
      res.write(bytes.subarray(0, 12));
      setTimeout(() => res.end(bytes.subarray(12)), 10);
    });

    const result = await nodeHttpAttempt(server.url, get(), 5_000, undefined);

    expect(result).toMatchObject({ kind: 'response', text: '{"name":"Köln 東京"}' });
  });

  it('times out when the body stops arriving, not only the headers', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200);
      res.write('{"value":[');
    });

    const result = await nodeHttpAttempt(server.url, get(), 150, undefined);

    expect(result.kind).toBe('timeout');
  });

  it('throws the caller’s abort reason, before and during a call', async () => {
    const server = await serve(() => undefined);
    const during = new AbortController();
    setTimeout(() => during.abort(new Error('user cancelled')), 50);

    await expect(nodeHttpAttempt(server.url, get(), 5_000, during.signal)).rejects.toThrow('user cancelled');
    await expect(
      nodeHttpAttempt(server.url, get(), 5_000, AbortSignal.abort(new Error('already'))),
    ).rejects.toThrow('already');
    expect(server.seen).toHaveLength(1);
  });

  it('reports a refused connection as a network failure with its code', async () => {
    const server = await serve(() => undefined);
    const url = server.url;
    await new Promise((resolve) => servers.pop()!.close(resolve));

    const result = await nodeHttpAttempt(url, get(), 5_000, undefined);

    expect(result.kind).toBe('network');
    expect(result.kind === 'network' && networkCode(result.error)).toBe('ECONNREFUSED');
  });

  it('sends a GET again when the kept-alive socket was already closed, but not a POST', async () => {
    // The second request on a connection finds it closed, as when the server's idle timeout wins the race.
    const server = await serve((req, res, _body, nth) =>
      nth > 1 ? req.socket.destroy() : res.end('{"ok":1}'),
    );

    await nodeHttpAttempt(server.url, get(), 5_000, undefined);
    const again = await nodeHttpAttempt(server.url, get(), 5_000, undefined);
    const post = await nodeHttpAttempt(
      server.url,
      { ...get(), method: 'POST', body: '{}' },
      5_000,
      undefined,
    );

    expect(again).toMatchObject({ kind: 'response', status: 200, text: '{"ok":1}' });
    expect(post.kind).toBe('network');
    expect(server.seen.map((s) => s.method)).toEqual(['GET', 'GET', 'GET', 'POST']);
    expect(server.connections()).toBe(2);
  });

  it('follows redirects as fetch does: 303 becomes a GET, no Authorization to another origin', async () => {
    const other = await serve((_req, res) => res.end('{"there":true}'));
    const server = await serve((req, res) => {
      if (req.url === '/start') res.writeHead(303, { Location: '/moved' }).end();
      else if (req.url === '/moved') res.writeHead(307, { Location: `${other.url}/elsewhere` }).end();
    });

    const result = await nodeHttpAttempt(
      `${server.url}/start`,
      {
        method: 'POST',
        headers: new Headers({ Authorization: 'Bearer t', 'Content-Type': 'application/json' }),
        body: '{}',
      },
      5_000,
      undefined,
    );

    expect(result).toMatchObject({ kind: 'response', status: 200, text: '{"there":true}' });
    expect(server.seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/start', '{}'],
      ['GET', '/moved', ''],
    ]);
    expect(server.seen[1]?.headers.authorization).toBe('Bearer t');
    expect(server.seen[1]?.headers['content-type']).toBeUndefined();
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    expect(other.seen[0]?.url).toBe('/elsewhere');
  });
});
