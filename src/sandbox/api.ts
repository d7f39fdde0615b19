import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger';
import { agreementRoutes } from './agreements';
import { attestationRoutes } from './attestations';
import { allows, appOnlyForbidden, tokenKindOf, unauthorized, userTokenForbidden } from './auth';
import { SANDBOX_PARTNER_TENANT_ID } from './constants';
import { customerRoutes } from './customers';
import { relationshipRoutes } from './relationships';
import { faultReply } from './faults';
import { orderRoutes } from './orders';
import { badRequest, notFound, pcError, throttled, type Reply } from './reply';
import { roleRoutes } from './roles';
import { compileRoutes, matchRoute, type RouteMatch } from './router';
import type { RequestLogEntry } from './types';
import { secondsUntilWindowEnds } from './window';
import type { SandboxWorld } from './world';
import { readJson, waitLatency, writeReply } from './write';

const API_ROUTES = compileRoutes([
  ...relationshipRoutes,
  ...customerRoutes,
  ...agreementRoutes,
  ...attestationRoutes,
  ...roleRoutes,
  ...orderRoutes,
]);

export interface ApiDeps {
  world: SandboxWorld;
  log: Logger;
  /** Aborted when the sandbox closes, so pending latency timers end with it. */
  signal: AbortSignal;
  requireRequestHeaders: boolean;
}

/**
 * The /v1 pipeline, in the order a request meets Partner Center's front door: injected faults
 * (infrastructure, before anything else), token, partner rate limit, routing, token kind,
 * customer rate limit, handler.
 */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: ApiDeps,
): Promise<void> {
  const { world } = deps;
  const method = req.method ?? 'GET';
  const pathAndQuery = url.pathname + url.search;
  const match = matchRoute(API_ROUTES, method, url.pathname);
  const routeKey =
    match.kind === 'found' ? match.route.key : match.kind === 'not-found' ? `${method} (unknown)` : match.key;
  const customerId =
    match.kind === 'found' && match.route.customerScoped ? match.params.id?.toLowerCase() : undefined;
  const ids = { requestId: header(req, 'ms-requestid'), correlationId: header(req, 'ms-correlationid') };
  const now = world.clock.now();
  const entry = world.recorder.begin(
    {
      method,
      path: pathAndQuery,
      routeKey,
      customerId,
      ...ids,
      tokenKind: tokenKindOf(req),
      at: now.toISOString(),
    },
    now.getTime(),
  );
  const started = Date.now();
  const finish = (status: RequestLogEntry['status'], fault: boolean) => {
    world.recorder.finish(entry, status, fault);
    deps.log.debug({ method, routeKey, status, ms: Date.now() - started }, 'sandbox request');
  };

  const fault = world.faults.take(routeKey, pathAndQuery);
  if (fault?.status === 'hang') return finish('hang', true);
  const answer =
    fault === undefined
      ? await decide(req, url, match, entry, deps)
      : fault.status === 'reset'
        ? 'reset'
        : faultReply({ ...fault, status: fault.status });
  // Closing abandons the answer; the log entry stays 'pending', which is what happened.
  if (!(await waitLatency(world.latencyMs, deps.signal))) return;
  if (answer === 'reset') {
    req.socket.destroy();
    return finish('reset', true);
  }
  writeReply(res, answer, {
    'MS-RequestId': ids.requestId ?? randomUUID(),
    'MS-CorrelationId': ids.correlationId ?? randomUUID(),
  });
  finish(answer.status, fault !== undefined);
}

async function decide(
  req: IncomingMessage,
  url: URL,
  match: RouteMatch,
  entry: RequestLogEntry,
  deps: ApiDeps,
): Promise<Reply> {
  const { world } = deps;
  const nowMs = world.clock.now().getTime();
  const kind = entry.tokenKind;
  if (kind !== 'app' && kind !== 'user') return unauthorized(kind);
  if (deps.requireRequestHeaders && (!entry.requestId || !entry.correlationId)) {
    return badRequest('Send MS-RequestId and MS-CorrelationId (GUIDs) with every request.', 'MissingHeader');
  }
  const partnerLimited = limit(
    world.partnerCounter,
    SANDBOX_PARTNER_TENANT_ID,
    world.rateLimitPerMinute,
    nowMs,
  );
  if (partnerLimited) return partnerLimited;
  if (match.kind === 'not-found') return notFound(`No Partner Center resource at ${url.pathname}.`);
  if (match.kind === 'method-not-allowed') {
    const reply = pcError(405, 'MethodNotAllowed', `${req.method} is not allowed here.`, 'MethodNotAllowed');
    return { ...reply, headers: { Allow: match.allow.join(', ') } };
  }
  if (!allows(match.route.auth, kind)) return kind === 'app' ? appOnlyForbidden() : userTokenForbidden();
  if (entry.customerId !== undefined) {
    const limited = limit(world.customerCounter, entry.customerId, world.customerRateLimitPerMinute, nowMs);
    if (limited) return limited;
  }
  let body: unknown;
  try {
    body = req.method === 'POST' || req.method === 'PUT' ? await readJson(req) : undefined;
  } catch (err) {
    return badRequest(`The body is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return await match.route.handle({
      url,
      params: match.params,
      world,
      headers: req.headers,
      body,
      tokenKind: kind,
    });
  } catch (err) {
    deps.log.error({ err, routeKey: entry.routeKey }, 'sandbox handler failed');
    return pcError(
      500,
      'InternalServerError',
      'The sandbox failed to handle the request.',
      'InternalError',
      true,
    );
  }
}

/** Fixed-window limiter: requests it refuses do not use up the window. */
function limit(
  counter: SandboxWorld['partnerCounter'],
  key: string,
  perMinute: number,
  nowMs: number,
): Reply | undefined {
  if (perMinute <= 0) return undefined;
  if (counter.get(key, nowMs) >= perMinute) return throttled(secondsUntilWindowEnds(nowMs));
  counter.increment(key, nowMs);
  return undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
