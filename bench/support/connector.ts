import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The Bot Connector stand-in for turn benchmarks: accepts every reply, typing indicator and card
 * update at once (no limits, no latency) and counts them.
 */
export class AcceptingConnector {
  url = '';
  received = 0;
  private server?: http.Server;
  private next = 0;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        this.received++;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(`{"id":"reply-${++this.next}"}`);
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
