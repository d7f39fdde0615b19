import { GUID } from '../core/ids';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger';
import { SANDBOX_GRAPH_TOKEN } from './constants';
import type { Reply } from './reply';
import type { Fault } from './types';
import type { SandboxWorld } from './world';
import { readJson, waitLatency, writeReply } from './write';

/**
 * A Microsoft Graph stand-in for `POST /v1.0/users/{mailbox}/sendMail`, mounted under `/graph`
 * (so the client's base URL is `${sandbox.url}/graph`). Documented body: `{ message: { subject,
 * body: { contentType, content }, toRecipients: [{ emailAddress: { address } }] }, saveToSentItems }`
 * → 202 with no body. Faults apply when their `match` names the path (e.g. "/sendMail").
 */
const SEND_MAIL = /^\/graph\/v1\.0\/users\/([^/]+)\/sendMail\/?$/i;
const ROUTE_KEY = 'POST /graph/v1.0/users/{mailbox}/sendMail';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface GraphDeps {
  world: SandboxWorld;
  log: Logger;
  signal: AbortSignal;
}

/** Graph's error envelope. */
function graphError(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
  const innerError = { date: new Date().toISOString(), 'request-id': randomUUID() };
  return { status, json: { error: { code, message, innerError } }, headers };
}

function faultAnswer(fault: Fault & { status: number }): Reply {
  const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
  const headers = retryAfter === undefined ? undefined : { 'Retry-After': String(retryAfter) };
  const reply =
    fault.status === 429
      ? graphError(429, 'TooManyRequests', 'Too many requests (injected fault).', headers)
      : graphError(
          fault.status,
          'ServiceUnavailable',
          'The service is unavailable (injected fault).',
          headers,
        );
  if (fault.body !== undefined) reply.json = fault.body;
  return reply;
}

export async function handleGraph(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: GraphDeps,
): Promise<void> {
  const { world } = deps;
  const echo = {
    'client-request-id': header(req, 'client-request-id') ?? randomUUID(),
    'request-id': randomUUID(),
  };
  const fault = world.faults.take(ROUTE_KEY, url.pathname + url.search, { requireMatch: true });
  if (fault?.status === 'hang') return;
  const answer =
    fault === undefined
      ? await decide(req, url, deps)
      : fault.status === 'reset'
        ? 'reset'
        : faultAnswer({ ...fault, status: fault.status });
  if (!(await waitLatency(world.latencyMs, deps.signal))) return;
  if (answer === 'reset') return void req.socket.destroy();
  writeReply(res, answer, echo);
}

async function decide(req: IncomingMessage, url: URL, deps: GraphDeps): Promise<Reply> {
  const match = SEND_MAIL.exec(url.pathname);
  if (!match?.[1])
    return graphError(
      404,
      'ResourceNotFound',
      `The sandbox emulates only POST /v1.0/users/{mailbox}/sendMail.`,
    );
  if (req.method !== 'POST')
    return { ...graphError(405, 'Request_BadRequest', 'Use POST.'), headers: { Allow: 'POST' } };
  const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (auth?.[1] !== SANDBOX_GRAPH_TOKEN) {
    const reply = graphError(
      401,
      'InvalidAuthenticationToken',
      'Access token is empty or not valid for https://graph.microsoft.com.',
    );
    return { ...reply, headers: { 'WWW-Authenticate': 'Bearer' } };
  }
  if (!deps.world.mail.mailSendAllowed)
    return graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  const mailbox = safeDecode(match[1]);
  if (!EMAIL.test(mailbox) && !GUID.test(mailbox))
    return graphError(404, 'ErrorInvalidUser', 'The requested user is invalid.');
  let body: unknown;
  try {
    body = await readJson(req);
  } catch (err) {
    return graphError(400, 'BadRequest', `The body is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = parseMessage(body);
  if (typeof parsed === 'string')
    return graphError(
      400,
      parsed.startsWith('Recipient') ? 'ErrorInvalidRecipients' : 'ErrorInvalidRequest',
      parsed,
    );
  deps.world.mail.add({ ...parsed, from: mailbox, sentAt: deps.world.clock.now().toISOString() });
  deps.log.debug({ route: ROUTE_KEY }, 'sandbox mail accepted');
  return { status: 202, text: '', contentType: 'text/plain' };
}

type Parsed = {
  to: string[];
  subject: string;
  contentType: 'HTML' | 'Text';
  body: string;
  saveToSentItems: boolean;
};

/** The parsed message, or what is wrong with it (Graph's wording is similar; the sandbox never echoes addresses). */
function parseMessage(body: unknown): Parsed | string {
  const b = (body ?? {}) as { message?: Record<string, unknown>; saveToSentItems?: unknown };
  const m = b.message;
  if (typeof m !== 'object' || m === null) return 'The request body must have a "message" object.';
  const content = m.body as { contentType?: unknown; content?: unknown } | undefined;
  const contentType = typeof content?.contentType === 'string' ? content.contentType.toLowerCase() : '';
  if (contentType !== 'html' && contentType !== 'text')
    return 'message.body.contentType must be "HTML" or "Text".';
  if (typeof content?.content !== 'string') return 'message.body.content must be a string.';
  if (typeof m.subject !== 'string') return 'message.subject must be a string.';
  const recipients = m.toRecipients;
  if (!Array.isArray(recipients) || recipients.length === 0)
    return 'Recipients: message.toRecipients must list at least one recipient.';
  const to = recipients.map((r) => (r as { emailAddress?: { address?: unknown } })?.emailAddress?.address);
  if (!to.every((a): a is string => typeof a === 'string' && EMAIL.test(a)))
    return 'Recipient addresses must be valid e-mail addresses.';
  if (b.saveToSentItems !== undefined && typeof b.saveToSentItems !== 'boolean')
    return 'saveToSentItems must be true or false.';
  return {
    to,
    subject: m.subject,
    contentType: contentType === 'html' ? 'HTML' : 'Text',
    body: content.content,
    saveToSentItems: b.saveToSentItems !== false,
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
