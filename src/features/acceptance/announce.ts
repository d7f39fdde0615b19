import { audit } from '../../core/audit';
import type { Services } from '../../core/context';
import type { AuditAction } from '../../core/audit';
import { escapeMarkdown } from '../../cards/escape';
import { formatDate } from '../../cards/format';
import { stringsFor, t, type LocaleKey } from '../../cards/i18n';
import { runRequestHooks } from './request-hooks';
import { renderCustomerCard, type CustomerCardOptions } from './customer-card';
import { renderRequestCard, signatoryName } from './request-card';
import type { AcceptanceRequest, RequestState } from './request-store';

/**
 * Edits the partner's tracking card to match the request, and lets other features that follow the
 * request know (request-hooks.ts). Best effort: the record is the truth.
 */
export async function refreshPartnerCard(services: Services, r: AcceptanceRequest): Promise<void> {
  await runRequestHooks(services, r);
  if (!r.partnerActivityId) return;
  try {
    await services.messenger.update(r.partnerConversation, r.partnerActivityId, {
      card: renderRequestCard(r, r.partnerLocale),
    });
  } catch (err) {
    services.log.warn({ err, requestId: r.id }, 'could not edit the partner card');
  }
}

/** Edits the customer's card in their Teams chat, when it went there. */
export async function refreshCustomerCard(
  services: Services,
  r: AcceptanceRequest,
  options: CustomerCardOptions = {},
): Promise<void> {
  if (r.delivery?.channel !== 'teams') return;
  const to = { tenantId: r.customerTenantId, conversationId: r.delivery.conversationId };
  try {
    await services.messenger.update(to, r.delivery.activityId, {
      card: renderCustomerCard(r, services, options),
    });
  } catch (err) {
    services.log.warn({ err, requestId: r.id }, 'could not edit the customer card');
  }
}

/** Tells the partner in the conversation the request came from. */
export async function tellPartner(
  services: Services,
  r: AcceptanceRequest,
  key: LocaleKey,
  extra: Record<string, string> = {},
): Promise<void> {
  const s = stringsFor(r.partnerLocale);
  const text = t(s, key, {
    company: escapeMarkdown(r.companyName),
    signatory: signatoryName(r),
    date: r.acceptedAt ? formatDate(r.acceptedAt, r.partnerLocale) : '',
    ...extra,
  });
  try {
    await services.messenger.send(r.partnerConversation, { text });
  } catch (err) {
    services.log.warn({ err, requestId: r.id }, 'could not notify the partner');
  }
}

const CLOSED_ACTION: Partial<Record<RequestState, AuditAction>> = {
  accepted: 'acceptance.accepted',
  cancelled: 'acceptance.cancelled',
  expired: 'acceptance.expired',
  failed: 'acceptance.failed',
};

/**
 * What happens once when a request closes: both cards edited in place, the partner told, the audit
 * written. Called only by the one update that moved the request out of an open state.
 */
export async function announceClosed(services: Services, r: AcceptanceRequest): Promise<void> {
  // The customer accepted (on Microsoft's page); an expiry is nobody's doing but the clock's.
  const action = CLOSED_ACTION[r.state];
  if (action) {
    const actorTenantId = r.state === 'accepted' ? r.customerTenantId : services.partner.tenantId;
    await audit({ services, caller: { aadObjectId: '', tenantId: actorTenantId } }, action, {
      customerTenantId: r.customerTenantId,
      details: { requestId: r.id, ...(r.acceptedVia ? { via: r.acceptedVia } : {}) },
    });
  }
  await refreshCustomerCard(services, r);
  await refreshPartnerCard(services, r);
  // A request a purchase notice opened: the notice tells the partner (the order to retry, or that
  // it asked again with a fresh link), so this one stays quiet.
  if (r.purchase) return;
  if (r.state === 'accepted') await tellPartner(services, r, 'request.notify.accepted');
  if (r.state === 'expired') await tellPartner(services, r, 'request.notify.expired');
}
