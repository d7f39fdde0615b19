import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SANDBOX_ADMIN_AGENT_ID, SANDBOX_PARTNER_TENANT_ID } from '../../src/sandbox/constants';
import { until } from './until';

const ROOT = path.join(__dirname, '../..');

/** What `npm run dev` runs; a test of the build passes the compiled entry and `npm start`'s flags. */
const SOURCE_ENTRY = ['--disable-warning=DEP0111', '--import', 'tsx', 'src/index.ts'];

/**
 * The bot as its own process (`node --import tsx src/index.ts` unless `args` say otherwise), for
 * tests that kill it: `start` resolves with its URL once the banner is printed; `kill` sends SIGKILL.
 */
export class BotProcess {
  url = '';
  output = '';
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private seq = 0;

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    private readonly args: string[] = SOURCE_ENTRY,
  ) {}

  async start(timeoutMs = 60_000): Promise<string> {
    this.output = '';
    this.url = '';
    const child = spawn(process.execPath, this.args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (c: Buffer) => {
      // Only the tail matters (the banner, the last errors); the log of a long run stays bounded.
      this.output = (this.output + c.toString()).slice(-200_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.url = await until(
      () => {
        if (child.exitCode !== null) throw new Error(`${this.name} exited: ${this.output.slice(-2000)}`);
        return /Bot endpoint:\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/messages/.exec(this.output)?.[1];
      },
      `${this.name} to start`,
      timeoutMs,
    );
    return this.url;
  }

  /** SIGKILL: no shutdown, no goodbye — leases, intents and memberships are left as they were. */
  async kill(): Promise<void> {
    this.url = '';
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, the graceful stop; SIGKILL if it takes longer than 15 s. */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    const force = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    this.child.kill('SIGTERM');
    await this.exited;
    clearTimeout(force);
  }

  /** Posts an activity from Teams (no channel authentication in sandbox mode). */
  async activity(
    serviceUrl: string,
    type: string,
    who: { tenantId?: string; aadObjectId?: string; conversationId: string },
    extra: Record<string, unknown> = {},
  ): Promise<number> {
    const tenantId = who.tenantId ?? SANDBOX_PARTNER_TENANT_ID;
    const aadObjectId = who.aadObjectId ?? SANDBOX_ADMIN_AGENT_ID;
    const res = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type,
        id: `in-${this.name}-${process.pid}-${++this.seq}`,
        timestamp: new Date().toISOString(),
        channelId: 'msteams',
        serviceUrl,
        from: { id: `29:${aadObjectId}`, aadObjectId, name: 'Test User' },
        recipient: { id: '28:mca-assist-bot', name: 'MCA Assist' },
        conversation: { id: who.conversationId, conversationType: 'personal', tenantId },
        channelData: { tenant: { id: tenantId } },
        locale: 'en-US',
        ...extra,
      }),
    });
    await res.arrayBuffer();
    return res.status;
  }
}
