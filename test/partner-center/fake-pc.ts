import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer. `hang` never answers; `reset` destroys the connection without an answer. */
export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as text/html (like a proxy's error page). */
  body?: unknown;
  hang?: boolean;
  reset?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** The raw request target, exactly as sent (path + query, still encoded). */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The request body as text ('' for none). */
  body: string;
}

export interface FakePc {
  url: string;
  requests: RecordedRequest[];
  /** Scripts answers for `METHOD /path` in order; the last one repeats. */
  on(method: string, path: string, ...responses: FakeResponse[]): void;
  close(): Promise<void>;
}

/** A tiny local Partner Center stand-in on 127.0.0.1 that records requests and plays scripted answers. */
export async function startFakePc(): Promise<FakePc> {
  const scripts = new Map<string, FakeResponse[]>();
  const requests: RecordedRequest[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
  });

  function answer(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = req.url ?? '/';
    const parsed = new URL(url, 'http://fake.invalid');
    requests.push({
      method: req.method ?? '',
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
      body,
    });
    const queue = scripts.get(`${req.method} ${parsed.pathname}`);
    const next: FakeResponse = (queue && queue.length > 1 ? queue.shift() : queue?.[0]) ?? {
      status: 404,
      body: { code: 'fake-unscripted', description: `nothing scripted for ${req.method} ${parsed.pathname}` },
    };
    if (next.hang) return;
    if (next.reset) return void req.socket.destroy();
    const isText = typeof next.body === 'string';
    const payload = next.body === undefined ? '' : isText ? (next.body as string) : JSON.stringify(next.body);
    res.writeHead(next.status ?? 200, {
      'Content-Type': isText ? 'text/html' : 'application/json',
      ...next.headers,
    });
    res.end(payload);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    on(method, path, ...responses) {
      scripts.set(`${method} ${path}`, [...responses]);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
