import type { ConversationKey, DeliveryResult, Services } from '../../core/context';
import { updateRecord } from '../../store/update-record';

/** Where an acceptance request stands. Open: queued, sent. Closed: the rest. */
export type RequestState = 'queued' | 'sent' | 'accepted' | 'cancelled' | 'expired' | 'failed';

export interface Signatory {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
}

/**
 * One MCA acceptance request (enhanced attestation). Holds the signatory because the attestation
 * needs it; logs and the audit trail never copy it.
 */
export interface AcceptanceRequest {
  id: string;
  customerTenantId: string;
  companyName: string;
  /** ISO 3166-1 alpha-2: which MCA text applies. */
  country: string;
  /** Agreement language, e.g. "de-DE". */
  language: string;
  /** Language for the customer's cards and e-mail, e.g. "de-DE". */
  customerLocale: string;
  signatory: Signatory;
  state: RequestState;
  attestationId?: string;
  acceptanceUrl?: string;
  expiresAt?: string;
  requestedBy: { aadObjectId: string; tenantId: string };
  partnerConversation: ConversationKey;
  partnerLocale: string;
  /** The partner's tracking card, edited as the request moves. */
  partnerActivityId?: string;
  delivery?: DeliveryResult;
  createdAt: string;
  lastCheckedAt?: string;
  acceptedAt?: string;
  /** How acceptance was seen: the attestation page, or directly in the admin center. */
  acceptedVia?: 'attestation' | 'direct';
  /** Code of the last failure the partner was told about (no personal data). */
  lastError?: string;
  /**
   * Set when a purchase-blocked notice opened this request (src/features/purchases): the customer's
   * card then says which order is on hold, and the notice, not this request, tells the partner
   * which order to retry.
   */
  purchase?: { offerName: string; quantity?: number };
  /**
   * Who opened it when that was work that may run twice (a job taken over after a crash), e.g.
   * `purchase-notice:<id>`: a second run finds "its" request instead of joining someone else's.
   */
  openedFor?: string;
}

const KIND = 'acceptance-request';

export function isOpen(request: AcceptanceRequest): boolean {
  return request.state === 'queued' || request.state === 'sent';
}

export async function loadRequest(
  services: Services,
  id: string,
): Promise<{ request: AcceptanceRequest; etag: string } | undefined> {
  const found = await services.store.records.get<AcceptanceRequest>(KIND, id);
  return found && { request: found.value, etag: found.etag };
}

export async function createRequest(services: Services, request: AcceptanceRequest): Promise<void> {
  await services.store.records.put(KIND, request.id, request, undefined, {
    index1: request.customerTenantId,
  });
}

/**
 * Changes a request with optimistic concurrency: re-reads and re-applies on a conflict, so a watcher
 * and a customer's click never overwrite each other. `change` returns undefined to leave it as is.
 */
export async function updateRequest(
  services: Services,
  id: string,
  change: (current: AcceptanceRequest) => AcceptanceRequest | undefined,
): Promise<{ before: AcceptanceRequest; after: AcceptanceRequest } | undefined> {
  const { before, after } = await updateRecord<AcceptanceRequest>(
    services.store.records,
    KIND,
    id,
    (current) => current && change(current),
    {
      index1: (r) => r.customerTenantId,
      conflictMessage: 'The request kept changing while we updated it. Try again.',
    },
  );
  return before && { before, after: after ?? before };
}

async function requestsForCustomer(
  services: Services,
  customerTenantId: string,
): Promise<AcceptanceRequest[]> {
  const found = await services.store.records.findByIndex<AcceptanceRequest>(KIND, customerTenantId, 50);
  return found.map((r) => r.value).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function openRequestFor(
  services: Services,
  customerTenantId: string,
): Promise<AcceptanceRequest | undefined> {
  return (await requestsForCustomer(services, customerTenantId)).find(isOpen);
}

/** All open requests, newest first (the `requests` command). */
export async function listOpenRequests(services: Services, limit = 50): Promise<AcceptanceRequest[]> {
  const open: AcceptanceRequest[] = [];
  let after: string | undefined;
  do {
    const page = await services.store.records.list<AcceptanceRequest>(KIND, { limit: 200, after });
    open.push(...page.items.map((r) => r.value).filter(isOpen));
    after = page.next;
  } while (after);
  return open.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
}
