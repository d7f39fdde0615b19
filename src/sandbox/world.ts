import { systemClock, type Clock } from '../core/clock';
import type { Agreement, RelationshipToPartner } from '../partner-center/types';
import { cloneCustomer } from './build';
import { DocumentLinks } from './documents';
import { FaultQueue } from './faults';
import { scenarioOf } from './scenario';
import { StatsRecorder } from './stats';
import type { Fault, RequestLogEntry, SandboxCustomer, SandboxStats } from './types';
import { WindowCounter } from './window';

export interface WorldOptions {
  customers: SandboxCustomer[];
  clock?: Clock;
  latencyMs?: number;
  rateLimitPerMinute?: number;
  customerRateLimitPerMinute?: number;
}

/** The documented customer-resource limit (reference §7). */
export const DEFAULT_CUSTOMER_RATE_LIMIT = 500;

/**
 * The sandbox's mutable state. Tests and features change it directly (or through /_control);
 * the HTTP routes only read it, except for the counters.
 */
export class SandboxWorld {
  readonly customers = new Map<string, SandboxCustomer>();
  readonly clock: Clock;
  readonly faults = new FaultQueue();
  readonly documents: DocumentLinks;
  readonly partnerCounter = new WindowCounter();
  readonly customerCounter = new WindowCounter();
  /** Set once the server listens; document links point here. */
  baseUrl = '';
  latencyMs = 0;
  rateLimitPerMinute = 0;
  customerRateLimitPerMinute = DEFAULT_CUSTOMER_RATE_LIMIT;
  /** Written by the server; read through stats() and requestLog(). */
  readonly recorder = new StatsRecorder();

  constructor(private readonly initial: WorldOptions) {
    this.clock = initial.clock ?? systemClock;
    this.documents = new DocumentLinks(this.clock);
    this.reset();
  }

  /** In insertion order, which is the order GET /v1/customers pages through. */
  listCustomers(): SandboxCustomer[] {
    return [...this.customers.values()];
  }

  getCustomer(id: string): SandboxCustomer | undefined {
    return this.customers.get(id.toLowerCase());
  }

  addCustomer(customer: SandboxCustomer): void {
    const copy = cloneCustomer(customer);
    copy.scenario = scenarioOf(copy, copy.agreements, copy.directlySigned);
    this.customers.set(copy.id.toLowerCase(), copy);
  }

  /** Emulates the customer accepting (or the record disappearing) in the Microsoft 365 admin center. */
  setDirectlySigned(id: string, isSigned: boolean): SandboxCustomer {
    return this.update(id, (c) => (c.directlySigned = isSigned));
  }

  addAgreement(id: string, agreement: Agreement): SandboxCustomer {
    return this.update(id, (c) =>
      c.agreements.push({ ...agreement, primaryContact: { ...agreement.primaryContact } }),
    );
  }

  setRelationship(id: string, relationship: RelationshipToPartner): SandboxCustomer {
    return this.update(id, (c) => (c.relationshipToPartner = relationship));
  }

  injectFault(fault: Fault): void {
    this.faults.add(fault);
  }

  pendingFaults(): Fault[] {
    return this.faults.pending();
  }

  setLatency(ms: number): void {
    this.latencyMs = nonNegative(ms, 'latency');
  }

  /** Requests per minute per partner tenant, all /v1 routes; 0 turns the limit off. */
  setRateLimit(perMinute: number): void {
    this.rateLimitPerMinute = nonNegative(perMinute, 'rate limit');
  }

  /** Requests per minute per customer tenant id on /v1/customers/{id}/…; 0 turns the limit off. */
  setCustomerRateLimit(perMinute: number): void {
    this.customerRateLimitPerMinute = nonNegative(perMinute, 'customer rate limit');
  }

  stats(): SandboxStats {
    return this.recorder.snapshot();
  }

  /** The last 5,000 /v1 requests, oldest first. */
  requestLog(): RequestLogEntry[] {
    return this.recorder.requestLog();
  }

  /** Clears counters and the request log; limits, faults and customers stay. */
  resetStats(): void {
    this.recorder.clear();
    this.partnerCounter.clear();
    this.customerCounter.clear();
  }

  /** Back to the state at start: customers, latency, limits; no faults, stats or links. */
  reset(): void {
    this.customers.clear();
    for (const c of this.initial.customers) this.addCustomer(c);
    this.faults.clear();
    this.documents.clear();
    this.latencyMs = this.initial.latencyMs ?? 0;
    this.rateLimitPerMinute = this.initial.rateLimitPerMinute ?? 0;
    this.customerRateLimitPerMinute = this.initial.customerRateLimitPerMinute ?? DEFAULT_CUSTOMER_RATE_LIMIT;
    this.resetStats();
  }

  private update(id: string, change: (c: SandboxCustomer) => void): SandboxCustomer {
    const customer = this.getCustomer(id);
    if (!customer) throw new Error(`The sandbox has no customer ${id}.`);
    change(customer);
    customer.scenario = scenarioOf(customer, customer.agreements, customer.directlySigned);
    return customer;
  }
}

function nonNegative(n: number, what: string): number {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`The ${what} must be a number ≥ 0, got ${n}.`);
  return n;
}
