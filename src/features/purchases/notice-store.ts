import { updateRecord } from '../../store/update-record';
import type { DeliveryResult, Services } from '../../core/context';
import { isAppError } from '../../core/errors';

/** opening: recorded, request not joined yet · open: waiting for the customer · the rest: closed. */
export type NoticeState = 'opening' | 'open' | 'accepted' | 'cancelled' | 'expired' | 'failed';

/** Where the partner follows the notice: a conversation, and the tracking card in it once sent. */
export interface PartnerTarget {
  tenantId: string;
  conversationId: string;
  locale: string;
  activityId?: string;
  /** The tracking card is the reply to the person who typed `notify`: never sent by a job. */
  viaReply?: boolean;
}

/**
 * One purchase Partner Center refused until the customer accepts the MCA (error 13605). Ids, the
 * offer and the caller's order reference only: no personal data (the signatory is on the request).
 */
export interface PurchaseNotice {
  id: string;
  customerTenantId: string;
  companyName: string;
  offerName: string;
  quantity?: number;
  orderReference: string;
  source: 'api' | 'teams' | 'order';
  state: NoticeState;
  /** The acceptance request the customer answers (joined or opened by this notice). */
  requestId?: string;
  /**
   * 'request': this notice opened the request, whose own card carries the on-hold line.
   * 'own': the request existed, so the notice sends its own on-hold card.
   */
  customerCard?: 'request' | 'own';
  customerLocale?: string;
  /** Where this notice's own on-hold card went. */
  delivery?: DeliveryResult;
  requestedBy: { aadObjectId: string; tenantId: string };
  partner?: PartnerTarget;
  /** `mailto` when the last reminder reached nobody and the partner should forward it. */
  reminders: { sent: number; nextAt?: string; mailto?: string };
  createdAt: string;
  acceptedAt?: string;
  release?: { state: 'pending' | 'delivered' | 'failed'; at?: string; status?: number };
  /** Code of the last problem the partner was shown (no personal data). */
  lastError?: string;
}

export const NOTICE_KIND = 'purchase-notice';
const KEY_KIND = 'purchase-notice-key';

export function isNoticeOpen(n: PurchaseNotice): boolean {
  return n.state === 'opening' || n.state === 'open';
}

export async function loadNotice(services: Services, id: string): Promise<PurchaseNotice | undefined> {
  return (await services.store.records.get<PurchaseNotice>(NOTICE_KIND, id))?.value;
}

export async function createNotice(services: Services, n: PurchaseNotice): Promise<void> {
  await services.store.records.put(NOTICE_KIND, n.id, n, undefined, { index1: n.customerTenantId });
}

/** Changes a notice with optimistic concurrency; `change` returns undefined to leave it as is. */
export async function updateNotice(
  services: Services,
  id: string,
  change: (current: PurchaseNotice) => PurchaseNotice | undefined,
): Promise<{ before: PurchaseNotice; after: PurchaseNotice } | undefined> {
  const { before, after } = await updateRecord<PurchaseNotice>(
    services.store.records,
    NOTICE_KIND,
    id,
    (current) => current && change(current),
    {
      index1: (n) => n.customerTenantId,
      conflictMessage: 'The notice kept changing while we updated it. Try again.',
    },
  );
  return before && { before, after: after ?? before };
}

export async function noticesForCustomer(
  services: Services,
  customerTenantId: string,
): Promise<PurchaseNotice[]> {
  const found = await services.store.records.findByIndex<PurchaseNotice>(NOTICE_KIND, customerTenantId, 500);
  return found.map((r) => r.value);
}

/** A notice by its full id or the first 8+ characters shown on cards (ids sort, so a prefix is a range). */
export async function findNotice(
  services: Services,
  idOrPrefix: string,
): Promise<PurchaseNotice | undefined> {
  const wanted = idOrPrefix.trim().toLowerCase();
  if (!/^[0-9a-f-]{8,36}$/.test(wanted)) return undefined;
  const exact = await loadNotice(services, wanted);
  if (exact) return exact;
  const page = await services.store.records.list<PurchaseNotice>(NOTICE_KIND, { limit: 2, after: wanted });
  const matches = page.items.filter((r) => r.id.startsWith(wanted));
  return matches.length === 1 ? matches[0]?.value : undefined;
}

/**
 * Claims an idempotency key (the caller's key, or customer + order reference) for a notice id.
 * @returns the id that owns the key: `noticeId` when the claim is new, else the earlier one.
 */
export async function claimKey(services: Services, key: string, noticeId: string): Promise<string> {
  try {
    await services.store.records.put(KEY_KIND, key, { noticeId }, undefined);
    return noticeId;
  } catch (err) {
    if (!isAppError(err, 'STORE_CONFLICT')) throw err;
    const owner = await services.store.records.get<{ noticeId: string }>(KEY_KIND, key);
    return owner?.value.noticeId ?? noticeId;
  }
}

export async function ownerOfKey(services: Services, key: string): Promise<string | undefined> {
  return (await services.store.records.get<{ noticeId: string }>(KEY_KIND, key))?.value.noticeId;
}

/** Points a key at another notice (an idempotency key claimed just before the order key lost). */
export async function moveKey(services: Services, key: string, noticeId: string): Promise<void> {
  await services.store.records.put(KEY_KIND, key, { noticeId }, '*');
}

/** Open notices (oldest id first), at most `max`, reading at most `scan` records. */
export async function openNotices(services: Services, max: number, scan = 2_000): Promise<PurchaseNotice[]> {
  const found: PurchaseNotice[] = [];
  let after: string | undefined;
  for (let read = 0; read < scan && found.length < max;) {
    const page = await services.store.records.list<PurchaseNotice>(NOTICE_KIND, { limit: 200, after });
    read += page.items.length;
    for (const r of page.items) if (isNoticeOpen(r.value) && found.length < max) found.push(r.value);
    if (!page.next) break;
    after = page.next;
  }
  return found;
}
