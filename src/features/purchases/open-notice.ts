import { audit } from '../../core/audit';
import { createHash, randomUUID } from 'node:crypto';
import type { FeatureContext, Services } from '../../core/context';
import type { Customer } from '../../partner-center/types';
import { notifyTarget } from '../relationships';
import { isMcaSatisfied, type AgreementStatus, readAgreementStatus } from '../status';
import { enqueueNoticeJob, NOTICE_JOBS } from './notice-jobs';
import {
  claimKey,
  createNotice,
  loadNotice,
  moveKey,
  NOTICE_KIND,
  ownerOfKey,
  type PartnerTarget,
  type PurchaseNotice,
} from './notice-store';

export interface BlockedPurchase {
  customer: Customer;
  offerName: string;
  quantity?: number;
  /** The caller's order reference, named again when the order can be retried. */
  orderReference: string;
  /** The caller's idempotency key: the same key always answers the same notice. */
  idempotencyKey?: string;
  source: PurchaseNotice['source'];
  requestedBy: PurchaseNotice['requestedBy'];
  /** Where to track it; default the partner's notification channel (PARTNER_NOTIFY_CONVERSATION …). */
  partner?: PartnerTarget & { viaReply?: boolean };
  /** Partner Center has just refused the order with 13605: no need to read the status first. */
  knownBlocked?: boolean;
}

/**
 * Who asks and where the notice is tracked when a partner opens it by typing in Teams (`notify`,
 * `order`): the caller, and this chat, where the reply is the tracking card.
 *
 * @example
 * await openNotice(ctx.services, { customer, offerName, orderReference, source: 'teams', ...fromThisChat(ctx) });
 */
export function fromThisChat(ctx: FeatureContext): Pick<BlockedPurchase, 'requestedBy' | 'partner'> {
  return {
    requestedBy: { aadObjectId: ctx.caller.aadObjectId, tenantId: ctx.caller.tenantId },
    partner: {
      tenantId: ctx.conversation.tenantId,
      conversationId: ctx.conversation.id,
      locale: ctx.locale,
      viaReply: true,
    },
  };
}

export type OpenNoticeResult =
  | { kind: 'satisfied'; status: AgreementStatus }
  /** No reseller relationship: Partner Center takes no order for them, so nobody is told anything. */
  | { kind: 'no-relationship'; status: AgreementStatus }
  | { kind: 'opened'; notice: PurchaseNotice }
  | { kind: 'existing'; noticeId: string; notice?: PurchaseNotice };

const hash = (text: string) => createHash('sha256').update(text).digest('base64url');
const orderKey = (p: BlockedPurchase) => `order:${p.customer.id.toLowerCase()}:${hash(p.orderReference)}`;
const callerKey = (key: string) => `idem:${hash(key)}`;

async function existing(noticeId: string, services: Services): Promise<OpenNoticeResult> {
  const notice = await loadNotice(services, noticeId);
  // Re-queue the start in case the process stopped between recording the notice and queueing it.
  if (notice?.state === 'opening') await enqueueNoticeJob(services, NOTICE_JOBS.open, noticeId);
  return { kind: 'existing', noticeId, notice };
}

/**
 * Opens a purchase-blocked notice, or finds the one already opened for the same idempotency key or
 * the same customer and order reference. Says so instead when the customer already accepted the MCA,
 * or has no reseller relationship (the invitation comes first; accepting it accepts the MCA too).
 * The rest (joining or opening the acceptance request, the customer's card, the partner's card,
 * reminders) happens in the `purchase.open` job.
 *
 * @example
 * const result = await openNotice(services, { customer, offerName: 'Microsoft 365 E3', orderReference: 'PO-1', … });
 * if (result.kind === 'satisfied') return 'already accepted';
 */
export async function openNotice(services: Services, p: BlockedPurchase): Promise<OpenNoticeResult> {
  const byKey = p.idempotencyKey && (await ownerOfKey(services, callerKey(p.idempotencyKey)));
  if (byKey) return existing(byKey, services);
  const byOrder = await ownerOfKey(services, orderKey(p));
  if (byOrder) {
    // The caller's key now names this notice too, whatever it sends with that key next.
    if (p.idempotencyKey) await claimKey(services, callerKey(p.idempotencyKey), byOrder);
    return existing(byOrder, services);
  }
  if (!p.knownBlocked) {
    const status = await readAgreementStatus(services, p.customer);
    if (isMcaSatisfied(status)) return { kind: 'satisfied', status };
    if (status.state === 'unknown' && status.reason === 'no-relationship')
      return { kind: 'no-relationship', status };
  }
  const target = p.partner ?? (await notifyTarget(services));
  const notice: PurchaseNotice = {
    id: randomUUID(),
    customerTenantId: p.customer.id.toLowerCase(),
    companyName: p.customer.companyProfile.companyName,
    offerName: p.offerName,
    quantity: p.quantity,
    orderReference: p.orderReference,
    source: p.source,
    state: 'opening',
    requestedBy: p.requestedBy,
    partner: target && { ...target },
    reminders: { sent: 0 },
    createdAt: services.clock.now().toISOString(),
  };
  await createNotice(services, notice);
  // Keys are claimed after the record exists, so a key never points at nothing for long; losing a
  // race to a concurrent identical request drops this record and answers with the winner.
  const drop = () => services.store.records.delete(NOTICE_KIND, notice.id);
  if (p.idempotencyKey) {
    const owner = await claimKey(services, callerKey(p.idempotencyKey), notice.id);
    if (owner !== notice.id) return drop().then(() => existing(owner, services));
  }
  const owner = await claimKey(services, orderKey(p), notice.id);
  if (owner !== notice.id) {
    if (p.idempotencyKey) await moveKey(services, callerKey(p.idempotencyKey), owner);
    return drop().then(() => existing(owner, services));
  }
  await enqueueNoticeJob(services, NOTICE_JOBS.open, notice.id);
  await audit({ services, caller: p.requestedBy }, 'purchase.blocked', {
    customerTenantId: notice.customerTenantId,
    details: { noticeId: notice.id, source: p.source },
    at: notice.createdAt,
  });
  return { kind: 'opened', notice };
}
