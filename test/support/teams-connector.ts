import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorOptions {
  /** Sends per conversation in any one second (Teams: 7). */
  perConversation?: number;
  /** Requests per tenant in any one second (TEAMS_TENANT_RATE_PER_SECOND). */
  perTenant?: number;
  /** Added before every answer. */
  latencyMs?: number;
  /** Share of requests refused at random with 429 and Retry-After: 1 (Teams' own hiccups). */
  random429?: number;
  /** Seeded, so runs are comparable. */
  seed?: number;
}

export interface ConnectorStats {
  accepted: number;
  /** 429s because we sent more than the limits allow: our own bursts (goal 0). */
  limit429: number;
  /** 429s drawn at random, which the bot must retry. */
  random429: number;
  /** Teams messages received per notice id (2 or more = a duplicate on that channel). */
  teams: Map<string, number>;
  /** E-mails received per notice id (the bench's mail stand-in posts here). */
  mail: Map<string, number>;
  firstAt: number;
  lastAt: number;
  /** Most accepted requests of one tenant in any one-second window. */
  peakTenantWindow: number;
  /**
   * For each tenant-window 429: how many ms too early it came (1 s minus the time since the oldest
   * request in the full window) — how unevenly our paced requests reached the connector.
   */
  tenantEarlyMs: number[];
  /** Arrival time of every accepted request, in order. */
  acceptedAt: number[];
  /** Most accepted requests in one conversation in any one-second window. */
  peakConversationWindow: number;
  /** Every accepted send or edit, in order of arrival (for per-channel checks). */
  log: ConnectorSend[];
  /** Arrivals refused because a window was full (the limit429 ones), per conversation and tenant. */
  refused: Omit<ConnectorSend, 'body'>[];
}

/** One request the connector accepted: a new message (POST) or an edit (PUT). */
export interface ConnectorSend {
  method: string;
  tenant: string;
  conversation: string;
  at: number;
  /** The activity as sent (card and text). */
  body: Record<string, any>;
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Times of accepted requests per key; a sliding one-second window like Teams states its limits. */
class Windows {
  private readonly times = new Map<string, number[]>();
  count(key: string, now: number): number {
    const list = (this.times.get(key) ?? []).filter((t) => now - t < 1000);
    this.times.set(key, list);
    return list.length;
  }
  oldest(key: string): number {
    return this.times.get(key)?.[0] ?? 0;
  }
  add(key: string, now: number): void {
    const list = this.times.get(key);
    if (list) list.push(now);
    else this.times.set(key, [now]);
  }
}

/**
 * A stand-in for the Bot Connector that enforces Teams-like limits (sliding one-second windows per
 * conversation and per tenant), adds latency and random 429s with Retry-After, and counts what
 * arrived per notice id — for the fan-out benchmark and the kill-and-restart test. The notice id is
 * read from the card's action data (`requestId`), e-mails from POST /mail `{ key }`.
 */
export class TeamsConnector {
  readonly stats: ConnectorStats = {
    accepted: 0,
    limit429: 0,
    random429: 0,
    teams: new Map(),
    mail: new Map(),
    firstAt: 0,
    lastAt: 0,
    peakTenantWindow: 0,
    tenantEarlyMs: [],
    acceptedAt: [],
    peakConversationWindow: 0,
    log: [],
    refused: [],
  };
  url = '';
  private server?: http.Server;
  private readonly conversations = new Windows();
  private readonly tenants = new Windows();
  private readonly rand: () => number;
  private ids = 0;

  constructor(private readonly options: ConnectorOptions = {}) {
    this.rand = random(options.seed ?? 42);
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  private handle(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const now = Date.now();
    const body = raw ? (JSON.parse(raw) as Record<string, any>) : {};
    const answer = (status: number, json: unknown, headers: Record<string, string> = {}): void => {
      setTimeout(() => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      }, this.options.latencyMs ?? 0);
    };
    if (req.url === '/mail') {
      bump(this.stats.mail, String(body.key));
      return answer(202, {});
    }
    const conversation = decodeURIComponent(/\/v3\/conversations\/([^/]+)/.exec(req.url ?? '')?.[1] ?? '');
    const tenant = String(body.conversation?.tenantId ?? body.channelData?.tenant?.id ?? '');
    const throttled = { error: { code: 'Throttled', message: 'Too many requests' } };
    const tenantFull = this.tenants.count(tenant, now) >= (this.options.perTenant ?? 30);
    if (this.conversations.count(conversation, now) >= (this.options.perConversation ?? 7) || tenantFull) {
      if (tenantFull) this.stats.tenantEarlyMs.push(1000 - (now - this.tenants.oldest(tenant)));
      this.stats.limit429++;
      this.stats.refused.push({ method: req.method ?? '', tenant, conversation, at: now });
      return answer(429, throttled, { 'Retry-After': '1' });
    }
    if (this.rand() < (this.options.random429 ?? 0)) {
      this.stats.random429++;
      return answer(429, throttled, { 'Retry-After': '1' });
    }
    this.conversations.add(conversation, now);
    this.tenants.add(tenant, now);
    this.stats.peakTenantWindow = Math.max(this.stats.peakTenantWindow, this.tenants.count(tenant, now));
    this.stats.peakConversationWindow = Math.max(
      this.stats.peakConversationWindow,
      this.conversations.count(conversation, now),
    );
    this.stats.log.push({ method: req.method ?? '', tenant, conversation, at: now, body });
    this.stats.accepted++;
    this.stats.acceptedAt.push(now);
    this.stats.firstAt ||= now;
    this.stats.lastAt = now;
    const notice = noticeOf(body);
    if (notice) bump(this.stats.teams, notice);
    const id = `activity-${++this.ids}`;
    answer(200, { id });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function noticeOf(activity: Record<string, any>): string | undefined {
  const card = activity.attachments?.[0]?.content as
    { actions?: { data?: { requestId?: string } }[] } | undefined;
  return card?.actions?.find((a) => a.data?.requestId)?.data?.requestId;
}
