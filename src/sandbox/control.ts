import { validateFault } from './faults';
import { badRequest, notFound, ok, pcError, type Reply } from './reply';
import type { Route, RouteContext } from './router';
import { customerNotFound } from './customers';

/**
 * /_control: lets demos and out-of-process benchmarks steer the sandbox. It has no auth, so the
 * server mounts it only when `control: true`.
 */
function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function numberField(body: unknown, name: string): number | Reply {
  const value = field(body, name);
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? value
    : badRequest(`Body must be {"${name}": <number ≥ 0>}.`);
}

function addFault({ body, world }: RouteContext): Reply {
  try {
    world.injectFault(validateFault(body));
  } catch (err) {
    return badRequest((err as Error).message);
  }
  return ok({ pending: world.pendingFaults() }, 201);
}

function setLatency({ body, world }: RouteContext): Reply {
  const ms = numberField(body, 'ms');
  if (typeof ms !== 'number') return ms;
  world.setLatency(ms);
  return ok({ latencyMs: world.latencyMs });
}

function setRateLimit({ body, world }: RouteContext): Reply {
  const perMinute = numberField(body, 'perMinute');
  if (typeof perMinute !== 'number') return perMinute;
  world.setRateLimit(perMinute);
  if (field(body, 'customerPerMinute') !== undefined) {
    const perCustomer = numberField(body, 'customerPerMinute');
    if (typeof perCustomer !== 'number') return perCustomer;
    world.setCustomerRateLimit(perCustomer);
  }
  return ok({
    rateLimitPerMinute: world.rateLimitPerMinute,
    customerRateLimitPerMinute: world.customerRateLimitPerMinute,
  });
}

function getStats({ world }: RouteContext): Reply {
  return ok({ ...world.stats(), pendingFaults: world.pendingFaults(), requests: world.requestLog() });
}

function reset({ world }: RouteContext): Reply {
  world.reset();
  return ok({ reset: true });
}

function setDirectSign({ body, params, world }: RouteContext): Reply {
  const isSigned = field(body, 'isSigned');
  if (typeof isSigned !== 'boolean') return badRequest('Body must be {"isSigned": true|false}.');
  if (!world.getCustomer(params.id ?? '')) return customerNotFound(params.id);
  const c = world.setDirectlySigned(params.id ?? '', isSigned);
  return ok({ id: c.id, isSigned: c.directlySigned, scenario: c.scenario });
}

/** The customer's Accept click, for demos driven from outside the process. */
function acceptAttestation({ params, world }: RouteContext): Reply {
  const a = world.enhancedAttestations.get(params.id ?? '');
  if (!a) return notFound(`Attestation ${params.id ?? ''} was not found.`);
  if (a.status === 'expired')
    return pcError(409, 'AttestationExpired', 'The attestation has expired.', 'AttestationExpired');
  return ok(world.acceptAttestation(a.attestationId));
}

/** The sign-in step of `npm run consent` in the browser: approves every waiting device code. */
function approveDeviceCodes({ world }: RouteContext): Reply {
  return ok({ approved: world.login.approvePendingDeviceCodes() });
}

export const controlRoutes: Route[] = [
  { method: 'POST', template: '/_control/login/approve', auth: 'any', handle: approveDeviceCodes },
  { method: 'POST', template: '/_control/faults', auth: 'any', handle: addFault },
  { method: 'POST', template: '/_control/latency', auth: 'any', handle: setLatency },
  { method: 'POST', template: '/_control/rate-limit', auth: 'any', handle: setRateLimit },
  { method: 'GET', template: '/_control/stats', auth: 'any', handle: getStats },
  { method: 'POST', template: '/_control/reset', auth: 'any', handle: reset },
  { method: 'POST', template: '/_control/customers/{id}/direct-sign', auth: 'any', handle: setDirectSign },
  { method: 'POST', template: '/_control/attestations/{id}/accept', auth: 'any', handle: acceptAttestation },
];
