import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_APP_TOKEN, SANDBOX_GRAPH_TOKEN, startSandbox, type Sandbox } from '../../src/sandbox';

const MAILBOX = 'mca@fabrikam.example';
const message = (overrides: Record<string, unknown> = {}) => ({
  message: {
    subject: 'Please accept the Microsoft Customer Agreement',
    body: { contentType: 'HTML', content: '<p>Hello <b>Lena</b><script>alert(1)</script></p>' },
    toRecipients: [{ emailAddress: { address: 'lena.vogel@example.com' } }],
    ...overrides,
  },
  saveToSentItems: false,
});

async function send(sandbox: Sandbox, body: unknown, token = SANDBOX_GRAPH_TOKEN, mailbox = MAILBOX) {
  const res = await fetch(`${sandbox.url}/graph/v1.0/users/${encodeURIComponent(mailbox)}/sendMail`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      'client-request-id': 'c-1',
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
}

describe('sandbox Graph sendMail', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.world.reset());

  it('accepts the documented body with 202 and no content, and keeps it in the outbox', async () => {
    const res = await send(sandbox, message());
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    expect(res.headers.get('client-request-id')).toBe('c-1');
    expect(sandbox.world.outbox()).toEqual([
      {
        id: expect.any(String),
        from: MAILBOX,
        to: ['lena.vogel@example.com'],
        subject: 'Please accept the Microsoft Customer Agreement',
        contentType: 'HTML',
        body: '<p>Hello <b>Lena</b><script>alert(1)</script></p>',
        saveToSentItems: false,
        sentAt: expect.any(String),
      },
    ]);
  });

  it('answers 401 for a Partner Center token and 403 when Mail.Send is not granted', async () => {
    const wrong = await send(sandbox, message(), SANDBOX_APP_TOKEN);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('InvalidAuthenticationToken');
    sandbox.world.setMailSendAllowed(false);
    const denied = await send(sandbox, message());
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('ErrorAccessDenied');
    expect(sandbox.world.outbox()).toEqual([]);
  });

  it('answers 400 in Graph’s error shape for a bad recipient or a missing body', async () => {
    const bad = await send(sandbox, message({ toRecipients: [{ emailAddress: { address: 'nobody' } }] }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ErrorInvalidRecipients');
    expect(bad.text).not.toContain('nobody');
    expect((await send(sandbox, { saveToSentItems: true })).status).toBe(400);
    expect((await send(sandbox, message(), SANDBOX_GRAPH_TOKEN, 'not a mailbox')).status).toBe(404);
  });

  it('applies faults that name the sendMail path, in Graph’s shape, and leaves catch-all faults to /v1', async () => {
    sandbox.world.injectFault({ status: 429, times: 1, match: '/sendMail', retryAfterSeconds: 3 });
    sandbox.world.injectFault({ status: 503, times: 1 });
    const throttled = await send(sandbox, message());
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');
    expect(throttled.body.error.code).toBe('TooManyRequests');
    expect((await send(sandbox, message())).status).toBe(202);
    expect(sandbox.world.pendingFaults()).toEqual([{ status: 503, times: 1 }]);
  });

  it('lists sent mails newest first on /sandbox/outbox, bodies in sandboxed iframes', async () => {
    await send(sandbox, message({ subject: 'First' }));
    await send(sandbox, message({ subject: 'Second <two>' }));
    const res = await fetch(`${sandbox.url}/sandbox/outbox`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html.indexOf('Second &#60;two&#62;')).toBeLessThan(html.indexOf('First'));
    expect(html).toContain('<iframe sandbox');
    expect(html).not.toContain('<script>');
    expect(html).toContain('lena.vogel@example.com');
  });

  it('answers 404 for other Graph paths', async () => {
    const res = await fetch(`${sandbox.url}/graph/v1.0/me`, {
      headers: { Authorization: `Bearer ${SANDBOX_GRAPH_TOKEN}` },
    });
    expect(res.status).toBe(404);
  });
});
