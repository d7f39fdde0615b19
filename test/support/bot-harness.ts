import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createApp, type App, type AppOverrides } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/core/logger';
import { SANDBOX_ADMIN_AGENT_ID, SANDBOX_PARTNER_TENANT_ID } from '../../src/sandbox/constants';
import { CaptureServer } from './capture-server';

export const CUSTOMER_TENANT_ID = '0b7e2f7c-9a51-4d55-8f0e-3c7e1f2d9a44';

export interface Who {
  tenantId?: string;
  aadObjectId?: string;
  userId?: string;
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  locale?: string;
}

/**
 * The real bot (restify + CloudAdapter + sandbox + SQLite file) on a free port, and a capture
 * server standing in for Teams. Tests post activity JSON and read what the bot sent.
 */
export class BotHarness {
  app!: App;
  url = '';
  readonly teams = new CaptureServer();
  readonly logLines: string[] = [];
  /** Every span the app finished (turns, Partner Center and Graph calls, jobs). */
  readonly spans = new InMemorySpanExporter();
  dataDir = '';
  private seq = 0;
  /** Tells this harness's activity ids from another's: two instances on one store see both. */
  private readonly tag = Math.random().toString(36).slice(2, 8);

  private env: Record<string, string> = {};
  private overrides: AppOverrides = {};

  async start(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<this> {
    await this.teams.start();
    this.dataDir = mkdtempSync(path.join(tmpdir(), 'mca-e2e-'));
    this.env = env;
    this.overrides = overrides;
    await this.boot();
    return this;
  }

  /** Stops the app and starts a new one on the same data directory (a process restart). */
  async restart(): Promise<void> {
    await this.app.close();
    await this.boot();
  }

  private async boot(): Promise<void> {
    const env = this.env;
    const config = loadConfig({
      PORT: '0',
      DATA_DIR: this.dataDir,
      SANDBOX_CONTROL: 'true',
      PARTNER_CENTER_MAX_ATTEMPTS: '3',
      // Tests are not paced like production (500/min) unless they test the pace.
      PARTNER_CENTER_RATE_LIMIT_PER_MINUTE: '60000',
      LOG_LEVEL: 'debug',
      ...env,
    });
    const lines = this.logLines;
    const destination = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString('utf8'));
        cb();
      },
    });
    this.app = await createApp(config, createLogger({ level: 'debug', destination }), {
      spanExporter: this.spans,
      ...this.overrides,
    });
    this.url = await this.app.listen();
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.teams.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  activity(type: string, who: Who = {}, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const tenantId = who.tenantId ?? SANDBOX_PARTNER_TENANT_ID;
    const conversationId = who.conversationId ?? `a:personal-${tenantId.slice(0, 8)}`;
    return {
      type,
      id: `in-${this.tag}-${++this.seq}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.teams.url,
      from: {
        id: who.userId ?? `29:user-${(who.aadObjectId ?? SANDBOX_ADMIN_AGENT_ID).slice(0, 8)}`,
        aadObjectId: who.aadObjectId ?? SANDBOX_ADMIN_AGENT_ID,
        name: 'Test User',
      },
      recipient: { id: '28:mca-assist-bot', name: 'MCA Assist' },
      conversation: { id: conversationId, conversationType: who.conversationType ?? 'personal', tenantId },
      channelData: { tenant: { id: tenantId } },
      locale: who.locale ?? 'en-US',
      ...extra,
    };
  }

  async post(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  }

  /** Sends a message and returns the cards of the replies it produced. */
  async say(text: string, who: Who = {}): Promise<any[]> {
    const activity = this.activity('message', who, { text });
    const res = await this.post(activity);
    if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}`);
    // Only this turn's replies: a proactive notice from earlier work may arrive at the same time.
    const replies = await this.teams.waitForReplies(String(activity.id));
    return replies.flatMap((m) => (m.attachments ?? []).map((a: any) => a.content));
  }

  /** Clicks an Action.Execute: returns the invoke response (status and the card that replaces the old one). */
  async click(
    verb: string,
    data: unknown,
    who: Who = {},
    trigger: 'manual' | 'automatic' = 'manual',
    replyToId?: string,
  ) {
    const res = await this.post(
      this.activity('invoke', who, {
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger },
        ...(replyToId ? { replyToId } : {}),
      }),
    );
    return { status: res.status, body: res.body, card: res.body?.value };
  }
}
