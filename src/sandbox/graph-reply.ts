import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger';
import type { Reply } from './reply';
import type { SandboxWorld } from './world';
import { waitLatency, writeReply } from './write';

/** Graph's error body: `{ error: { code, message, innerError } }`. */
export function graphError(status: number, code: string, message: string): Reply {
  return { status, json: { error: { code, message, innerError: { 'request-id': randomUUID() } } } };
}

/**
 * Answers one Graph stand-in request with `decide`, after the faults whose `match` names the path
 * (hang, reset, an error status, 429 with Retry-After) and the world's latency.
 */
export async function answerGraph(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { world: SandboxWorld; log: Logger; signal: AbortSignal },
  decide: (req: IncomingMessage, url: URL, world: SandboxWorld) => Promise<Reply>,
): Promise<void> {
  const { world } = deps;
  const fault = world.faults.take(`${req.method ?? 'GET'} ${url.pathname}`, url.pathname + url.search, {
    requireMatch: true,
  });
  if (fault?.status === 'hang') return;
  if (fault?.status === 'reset') return void req.socket.destroy();
  const answer = fault
    ? graphError(fault.status, 'ServiceUnavailable', 'Injected fault.')
    : await decide(req, url, world);
  if (fault?.status === 429) answer.headers = { 'Retry-After': String(fault.retryAfterSeconds ?? 1) };
  if (!(await waitLatency(world.latencyMs, deps.signal))) return;
  writeReply(res, answer, { 'request-id': randomUUID() });
}
