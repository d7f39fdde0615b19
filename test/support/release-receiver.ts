import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRelease {
  headers: http.IncomingHttpHeaders;
  raw: string;
  status: number;
}

/** The partner's ordering system as a local server: records order releases, answers `statuses` in turn. */
export class ReleaseReceiver {
  readonly received: ReceivedRelease[] = [];
  /** Status codes to answer, in order; the last one repeats. */
  statuses: number[] = [200];
  url = '';
  private server?: http.Server;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const status = this.statuses[Math.min(this.received.length, this.statuses.length - 1)] ?? 200;
        this.received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8'), status });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/orders/release`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
