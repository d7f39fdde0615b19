import type { Agreement, Customer, PartnerCenterErrorBody } from '../partner-center/types';

/** What the bot should conclude about a customer; the sandbox keeps it as ground truth for tests. */
export type Scenario =
  'attested' | 'attested-before-2023' | 'direct' | 'attested-and-direct' | 'not-accepted' | 'no-relationship';

export const SCENARIOS: readonly Scenario[] = [
  'attested',
  'attested-before-2023',
  'direct',
  'attested-and-direct',
  'not-accepted',
  'no-relationship',
];

/** A customer as Partner Center stores it, plus the facts the API exposes only through other endpoints. */
export interface SandboxCustomer extends Customer {
  /** Partner attestations; usually MCA, sometimes a legacy Cloud Agreement record (the default-type trap). */
  agreements: Agreement[];
  /** Accepted directly in the Microsoft 365 admin center. */
  directlySigned: boolean;
  scenario: Scenario;
}

/** An injected failure, consumed FIFO by matching /v1 requests. */
export interface Fault {
  /**
   * Substring of the request path+query or a route key (`GET /v1/customers/{id}`); omitted = any /v1
   * request. Graph requests (`/graph/…`, e.g. match `/sendMail`) only take faults that name them.
   */
  match?: string;
  /** `reset` destroys the socket; `hang` never answers (until the sandbox closes). */
  status: 429 | 500 | 502 | 503 | 504 | 'reset' | 'hang';
  times: number;
  retryAfterSeconds?: number;
  body?: object;
}

export type TokenKindSeen = 'app' | 'user' | 'none' | 'invalid';

export interface RequestLogEntry {
  method: string;
  /** Path and query as received. */
  path: string;
  routeKey: string;
  customerId?: string;
  requestId?: string;
  correlationId?: string;
  tokenKind: TokenKindSeen;
  status: number | 'reset' | 'hang' | 'pending';
  at: string;
}

export interface SandboxStats {
  totalRequests: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  /** 429 responses sent, by the rate limiter and by injected faults. */
  throttled: number;
  faultsApplied: number;
  /** /v1 requests received per fixed one-minute window (window start, ISO), oldest first. */
  perMinute: { windowStart: string; requests: number }[];
  maxPerMinute: number;
  maxPerCustomerPerMinute: number;
}

export type ErrorBody = PartnerCenterErrorBody;
