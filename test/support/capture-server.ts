import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  method: string;
  path: string;
  body: any;
  at: number;
  /** The activity id this server answered with (what the bot later edits). */
  id: string;
}

/** What a fault hook answers instead of Teams' 200, e.g. `{ status: 403, code: 'BotNotInConversationRoster' }`. */
export interface CaptureFault {
  status: number;
  code?: string;
  headers?: Record<string, string>;
}

/**
 * A stand-in for the Bot Connector service (the activity's serviceUrl): records what the bot sends
 * and answers like Teams does ({ id } for sends and updates). `fault` lets a test answer some
 * requests with an error instead (refused requests are recorded too, with their status).
 */
export class CaptureServer {
  readonly requests: (CapturedRequest & { status?: number })[] = [];
  fault?: (request: CapturedRequest) => CaptureFault | undefined;
  private server?: http.Server;
  private counter = 0;
  url = '';

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown = raw;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          // keep raw text
        }
        const id = `activity-${++this.counter}`;
        const captured = { method: req.method ?? '', path: req.url ?? '', body, at: Date.now(), id };
        const fault = this.fault?.(captured);
        if (fault) {
          this.requests.push({ ...captured, status: fault.status });
          res.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers });
          res.end(
            JSON.stringify({ error: { code: fault.code ?? 'Fault', message: 'Injected by the test' } }),
          );
          return;
        }
        this.requests.push(captured);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id, activityId: id }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  /** Messages the bot posted (replies and new messages), without typing indicators. */
  messages(conversationId?: string): any[] {
    return this.requests
      .filter((r) => r.method === 'POST' && r.body?.type === 'message' && r.status === undefined)
      .filter((r) => !conversationId || r.path.includes(encodeURIComponent(conversationId)))
      .map((r) => r.body);
  }

  cards(conversationId?: string): any[] {
    return this.messages(conversationId).flatMap((m) =>
      (m.attachments ?? [])
        .filter((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((a: any) => a.content),
    );
  }

  /** Waits until `count` messages have arrived (the bot replies asynchronously to the HTTP POST). */
  async waitForMessages(count: number, timeoutMs = 5000): Promise<any[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages().length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${this.messages().length}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.messages();
  }

  /** Waits for the bot's replies to one incoming activity (sent with `replyToId` = its id). */
  async waitForReplies(activityId: string, timeoutMs = 5000): Promise<any[]> {
    const deadline = Date.now() + timeoutMs;
    const replies = () => this.messages().filter((m) => m.replyToId === activityId);
    while (replies().length === 0) {
      if (Date.now() > deadline) throw new Error(`no reply to ${activityId} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return replies();
  }

  clear(): void {
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
