import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Bot Connector stand-in for turn benchmarks: accepts every reply, typing indicator and card
 * update at once (no limits, no latency) and counts them.
 */
export class AcceptingConnector {
  url = '';
  received = 0;
  /** Replies whose body contained each watched text (see `watch`). */
  readonly matched = new Map<string, number>();
  private server?: http.Server;
  private next = 0;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => this.matched.size > 0 && chunks.push(chunk));
      req.on('end', () => {
        this.received++;
        if (this.matched.size > 0) {
          const body = Buffer.concat(chunks).toString('utf8');
          for (const [text, n] of this.matched) if (body.includes(text)) this.matched.set(text, n + 1);
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(`{"id":"reply-${++this.next}"}`);
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Counts the replies that contain `text` from now on (a benchmark checks it got the answer it meant). */
  watch(text: string): void {
    if (!this.matched.has(text)) this.matched.set(text, 0);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
