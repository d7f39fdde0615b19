import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../src/core/errors';
import { createLogger } from '../../src/core/logger';
import { createMailSender, type MailSenderOptions } from '../../src/graph';
import { SANDBOX_GRAPH_TOKEN, startSandbox, type Sandbox } from '../../src/sandbox';

const FROM = 'mca@fabrikam.example';
const TO = 'lena.vogel@example.com';
const mail = { from: FROM, to: TO, subject: 'Please accept\r\nthe MCA', html: '<p>Hello Lena</p>' };

async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

/** A mail sender pointed at the sandbox, with recorded sleeps and raw log lines. */
function sender(sandbox: Sandbox, overrides: Partial<MailSenderOptions> = {}) {
  const sleeps: number[] = [];
  const rawLog: string[] = [];
  const log = createLogger({
    level: 'debug',
    destination: { write: (line: string) => void rawLog.push(line) },
  });
  const mailer = createMailSender({
    baseUrl: `${sandbox.url}/graph`,
    getToken: async () => SANDBOX_GRAPH_TOKEN,
    log,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...overrides,
  });
  return { mailer, sleeps, rawLog };
}

describe('Graph mail sender against the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.world.reset());

  it('sends an HTML mail that lands in the sandbox outbox', async () => {
    const { mailer } = sender(sandbox);

    await mailer.sendMail(mail);

    expect(sandbox.world.outbox()).toMatchObject([
      {
        from: FROM,
        to: [TO],
        subject: 'Please accept the MCA',
        contentType: 'HTML',
        body: '<p>Hello Lena</p>',
        saveToSentItems: true,
      },
    ]);
  });

  it('waits what Retry-After says after a 429, then succeeds, and logs no address or content', async () => {
    sandbox.world.injectFault({ status: 429, times: 1, match: '/sendMail', retryAfterSeconds: 2 });
    const { mailer, sleeps, rawLog } = sender(sandbox);

    await mailer.sendMail(mail);

    expect(sleeps).toEqual([2000]);
    expect(sandbox.world.outbox()).toHaveLength(1);
    const warning = rawLog.map((l) => JSON.parse(l)).find((l) => l.level === 40);
    expect(warning).toMatchObject({
      status: 429,
      attempt: 1,
      delayMs: 2000,
      path: '/v1.0/users/{id}/sendMail',
    });
    const all = rawLog.join('\n');
    for (const secret of ['fabrikam', 'lena', 'Hello', 'Please accept']) expect(all).not.toContain(secret);
  });

  it('retries 5xx with jittered backoff and reports GRAPH_UNAVAILABLE when it persists', async () => {
    sandbox.world.injectFault({ status: 503, times: 10, match: '/sendMail' });
    const { mailer, sleeps } = sender(sandbox, { retry: { maxAttempts: 3 } });

    const err = await rejectionOf(mailer.sendMail(mail));

    expect(err.code).toBe('GRAPH_UNAVAILABLE');
    expect(err.retryable).toBe(true);
    expect(sleeps).toEqual([500, 1000]);
    expect(sandbox.world.outbox()).toEqual([]);
  });

  it('turns a 403 into GRAPH_FORBIDDEN that names Mail.Send, admin consent and the setting', async () => {
    sandbox.world.setMailSendAllowed(false);
    const { mailer, sleeps } = sender(sandbox, { appIdSetting: 'GRAPH_CLIENT_ID' });

    const err = await rejectionOf(mailer.sendMail(mail));

    expect(err.code).toBe('GRAPH_FORBIDDEN');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('Mail.Send');
    expect(err.message).toContain('admin consent');
    expect(err.message).toContain('GRAPH_CLIENT_ID');
    expect(err.details).toMatchObject({ status: 403, graphCode: 'ErrorAccessDenied' });
    expect(err.message).not.toContain(TO);
    expect(sleeps).toEqual([]);
  });

  it('turns a wrong token into GRAPH_FORBIDDEN (401)', async () => {
    const { mailer } = sender(sandbox, { getToken: async () => 'not-a-graph-token' });
    const err = await rejectionOf(mailer.sendMail(mail));
    expect(err.code).toBe('GRAPH_FORBIDDEN');
    expect(err.details.status).toBe(401);
  });

  it('refuses a bad recipient before calling Graph, without quoting it', async () => {
    const { mailer } = sender(sandbox);
    const err = await rejectionOf(mailer.sendMail({ ...mail, to: 'lena at example' }));
    expect(err.code).toBe('INPUT_INVALID');
    expect(err.message).not.toContain('lena');
    const from = await rejectionOf(mailer.sendMail({ ...mail, from: 'mca' }));
    expect(from.code).toBe('CONFIG_INVALID');
    expect(from.message).toContain('MAIL_FROM');
    expect(sandbox.world.outbox()).toEqual([]);
  });

  it('retries a connection reset', async () => {
    sandbox.world.injectFault({ status: 'reset', times: 1, match: '/sendMail' });
    const { mailer, sleeps } = sender(sandbox);
    await mailer.sendMail(mail);
    expect(sleeps).toHaveLength(1);
    expect(sandbox.world.outbox()).toHaveLength(1);
  });
});
