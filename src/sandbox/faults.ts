import { pcError, throttled, type Reply } from './reply';
import type { Fault } from './types';

const FAULT_STATUSES: readonly Fault['status'][] = [429, 500, 502, 503, 504, 'reset', 'hang'];

/** Injected failures, used up first-in first-out by the requests they match. */
export class FaultQueue {
  private queue: Fault[] = [];

  add(fault: Fault): void {
    this.queue.push(validateFault(fault));
  }

  /**
   * Takes one use of the first fault that matches this request, if any. With `requireMatch` (the
   * Graph stand-in) only faults whose `match` names this request apply, not catch-all /v1 faults.
   */
  take(routeKey: string, pathAndQuery: string, options: { requireMatch?: boolean } = {}): Fault | undefined {
    const index = this.queue.findIndex(
      (f) => (!options.requireMatch || !!f.match) && matches(f, routeKey, pathAndQuery),
    );
    const fault = this.queue[index];
    if (!fault) return undefined;
    fault.times--;
    if (fault.times <= 0) this.queue.splice(index, 1);
    return fault;
  }

  pending(): Fault[] {
    return this.queue.map((f) => ({ ...f }));
  }

  clear(): void {
    this.queue = [];
  }
}

function matches(fault: Fault, routeKey: string, pathAndQuery: string): boolean {
  if (fault.match === undefined || fault.match === '') return true;
  return fault.match === routeKey || pathAndQuery.includes(fault.match);
}

/** Checks a fault that may come from JSON (control API), so a typo fails loudly instead of never firing. */
export function validateFault(input: unknown): Fault {
  const f = input as Partial<Fault> | null;
  if (typeof f !== 'object' || f === null) throw new TypeError('A fault must be an object.');
  if (f.status === undefined || !FAULT_STATUSES.includes(f.status)) {
    throw new TypeError(`fault.status must be one of ${FAULT_STATUSES.join(', ')}.`);
  }
  if (typeof f.times !== 'number' || !Number.isInteger(f.times) || f.times < 1) {
    throw new TypeError('fault.times must be a positive integer.');
  }
  if (f.match !== undefined && typeof f.match !== 'string')
    throw new TypeError('fault.match must be a string.');
  if (f.retryAfterSeconds !== undefined && !(f.retryAfterSeconds >= 0)) {
    throw new TypeError('fault.retryAfterSeconds must be a non-negative number.');
  }
  if (f.body !== undefined && (typeof f.body !== 'object' || f.body === null)) {
    throw new TypeError('fault.body must be an object.');
  }
  return { ...f, status: f.status, times: f.times };
}

const SERVER_ERRORS: Record<number, [string, string]> = {
  500: ['InternalServerError', 'An internal error occurred in the sandbox (injected fault).'],
  502: ['BadGateway', 'The gateway received an invalid response (injected fault).'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable (injected fault).'],
  504: ['GatewayTimeout', 'The gateway timed out (injected fault).'],
};

/** The HTTP answer for a fault that answers at all (`reset` and `hang` are handled by the server). */
export function faultReply(fault: Fault & { status: number }): Reply {
  if (fault.status === 429) return throttled(fault.retryAfterSeconds ?? 1, fault.body);
  const [name, description] = SERVER_ERRORS[fault.status] ?? ['ServerError', 'Injected fault.'];
  const reply = pcError(fault.status, name, description, name, true);
  if (fault.body !== undefined) reply.json = fault.body;
  if (fault.retryAfterSeconds !== undefined)
    reply.headers = { 'Retry-After': String(fault.retryAfterSeconds) };
  return reply;
}
