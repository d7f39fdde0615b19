import { systemClock, type Clock } from '../core/clock';
import { SandboxLogin } from './login';
import { silentLogger, type Logger } from '../core/logger';
import type { Agreement, RelationshipToPartner } from '../partner-center/types';
import { AttestationStore, type SandboxAttestation } from './attestation-store';
import { cloneCustomer } from './build';
import { DocumentLinks } from './documents';
import { FaultQueue } from './faults';
import { GdapStore } from './gdap';
import { AccessAssignmentStore } from './access-store';
import { MailOutbox, type SentMail } from './outbox';
import { OrderBook } from './orders';
import { RoleDirectory, type SandboxRoleMember } from './roles';
import { scenarioOf } from './scenario';
import { StatsRecorder } from './stats';
import type { Fault, RequestLogEntry, SandboxCustomer, SandboxStats } from './types';
import { WebhookSender } from './webhook-sender';
import { loadSigningMaterial } from './webhook-signing';
import { WindowCounter } from './window';

export interface WorldOptions {
  customers: SandboxCustomer[];
  clock?: Clock;
  /** SANDBOX_REFRESH_TOKEN_DAYS: a refresh token works this long after it was issued (default 90). */
  refreshTokenDays?: number;
  latencyMs?: number;
  rateLimitPerMinute?: number;
  customerRateLimitPerMinute?: number;
}

/** The documented customer-resource limit (reference §7). */
const DEFAULT_CUSTOMER_RATE_LIMIT = 500;

/**
 * The sandbox's mutable state. Tests and features change it directly (or through /_control);
 * the HTTP routes only read it, except for the counters.
 */
export class SandboxWorld {
  readonly customers = new Map<string, SandboxCustomer>();
  readonly clock: Clock;
  /** Microsoft Entra sign-in (token endpoint with refresh-token rotation, device code). */
  readonly login: SandboxLogin;
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
  readonly enhancedAttestations: AttestationStore;
  readonly roles = new RoleDirectory();
  /** What the Graph sendMail stand-in accepted. */
  readonly mail = new MailOutbox();
  /** Carts and orders (`order` in sandbox mode); `orders.refusal` picks how 13605 is answered. */
  readonly orders = new OrderBook();
  /** GDAP relationships behind the Graph stand-in; their changes fire webhooks. */
  readonly gdap: GdapStore;
  /** The partner tenant's security groups and GDAP access assignments behind the Graph stand-in. */
  readonly access: AccessAssignmentStore;
  /** Set by startSandbox before first use: where signing material lives and where deliveries log. */
  webhookOptions: { certDir?: string; log?: Logger; fetch?: typeof fetch; defaultTarget?: string } = {};
  private webhookSender?: WebhookSender;

  constructor(private readonly initial: WorldOptions) {
    this.clock = initial.clock ?? systemClock;
    this.login = new SandboxLogin(this.clock, initial.refreshTokenDays);
    this.documents = new DocumentLinks(this.clock);
    this.enhancedAttestations = new AttestationStore(this.clock);
    this.gdap = new GdapStore(this.clock);
    this.access = new AccessAssignmentStore(this.clock);
    this.gdap.onEvent = (name, r) => {
      // A relationship that ends takes its access assignments with it.
      if (name === 'granular-admin-relationship-terminated' || name === 'granular-admin-relationship-expired')
        this.access.removeAll(r.id);
      this.webhooks.send(
        name,
        `https://partner.microsoft.com/granularAdminRelationships/${r.id}`,
        'GranularAdminRelationship',
      );
    };
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

  /** Every enhanced attestation, oldest first, with expiry applied. */
  attestations(): SandboxAttestation[] {
    return this.enhancedAttestations.list();
  }

  /** Emulates the customer selecting Accept on the acceptance page. Throws if unknown or expired. */
  acceptAttestation(id: string): SandboxAttestation {
    return this.enhancedAttestations.accept(id);
  }

  /** Ends a pending acceptance link now, as if its 7 days had passed. */
  expireAttestation(id: string): SandboxAttestation {
    return this.enhancedAttestations.expire(id);
  }

  /** Replaces the members of a partner role, by id or name ("Admin Agent"). */
  setRoleMembers(role: string, members: SandboxRoleMember[]): void {
    this.roles.set(role, members);
  }

  /** Mails accepted by the Graph sendMail stand-in, oldest first. */
  outbox(): SentMail[] {
    return this.mail.list();
  }

  /** False emulates an app without the Mail.Send application permission (sendMail → 403). */
  setMailSendAllowed(allowed: boolean): void {
    this.mail.mailSendAllowed = allowed;
  }

  /** Signs and delivers webhooks; its key pair is made on first use (a few hundred ms). */
  get webhooks(): WebhookSender {
    this.webhookSender ??= new WebhookSender(
      loadSigningMaterial({ dir: this.webhookOptions.certDir, now: this.clock.now() }),
      {
        clock: this.clock,
        baseUrl: () => this.baseUrl,
        defaultTarget: () => this.webhookOptions.defaultTarget,
        log: this.webhookOptions.log ?? silentLogger(),
        fetch: this.webhookOptions.fetch,
      },
    );
    return this.webhookSender;
  }

  /** Stops retrying deliveries (sandbox close). */
  stopWebhooks(): void {
    this.webhookSender?.close();
  }

  /** A customer's Global admin accepts the reseller invitation (optionally with the MCA); Partner Center fires its webhook. */
  acceptResellerInvitation(id: string, acceptMca: boolean): SandboxCustomer {
    const customer = this.update(id, (c) => {
      c.relationshipToPartner = 'reseller';
      if (acceptMca) c.directlySigned = true;
    });
    this.webhooks.send(
      'reseller-relationship-accepted-by-customer',
      `https://api.partnercenter.microsoft.com/v1/customers/${customer.id}`,
      'Customer',
    );
    return customer;
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

  /** Back to the state at start: customers, roles, latency, limits; no faults, stats, links, attestations or mail. */
  reset(): void {
    this.customers.clear();
    for (const c of this.initial.customers) this.addCustomer(c);
    this.faults.clear();
    this.documents.clear();
    this.enhancedAttestations.clear();
    this.roles.reset();
    this.mail.clear();
    this.orders.clear();
    this.gdap.clear();
    this.access.clear();
    this.webhookSender?.reset();
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
