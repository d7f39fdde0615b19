import { audit } from '../../core/audit';
import { randomUUID } from 'node:crypto';
import type { ConversationKey, Services } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Customer } from '../../partner-center/types';
import { defaultAgreementLanguage } from './agreement-languages';
import { createRequest, openRequestFor, type AcceptanceRequest } from './request-store';
import { readSignatoryForm, type SignatoryInput } from './signatory-form';
import { ACCEPTANCE_JOBS, startKey } from './jobs';

export interface OpenOrJoinOptions {
  /** Who signs, as entered on the form; default the customer's billing profile. */
  signatory?: SignatoryInput;
  partnerLocale: string;
  /** The order a purchase-blocked notice is holding (shown on the customer's card). */
  purchase?: AcceptanceRequest['purchase'];
  /**
   * Names the caller when it may run again (a job): an open request this caller opened in an
   * earlier run answers `created: true` again, so that run's follow-up is not done twice.
   */
  openedFor?: string;
}

/** The signatory from the customer's billing profile, checked like the form; throws when unusable. */
function signatoryFromBillingProfile(customer: Customer): SignatoryInput {
  const billing = customer.billingProfile;
  const country = (
    billing?.defaultAddress?.country ??
    customer.companyProfile.address?.country ??
    ''
  ).toUpperCase();
  const fields = {
    firstName: billing?.firstName ?? '',
    lastName: billing?.lastName ?? '',
    email: billing?.email ?? '',
    phone: billing?.defaultAddress?.phoneNumber ?? '',
    companyName: billing?.companyName ?? customer.companyProfile.companyName,
    country,
    language: defaultAgreementLanguage(country || 'US', billing?.culture),
  };
  let { value, errors } = readSignatoryForm(fields);
  // A phone number in a form Partner Center would refuse is optional: leave it out.
  if (errors.phone) ({ value, errors } = readSignatoryForm({ ...fields, phone: '' }));
  const wrong = Object.keys(errors);
  if (wrong.length > 0) {
    throw new AppError(
      'INPUT_INVALID',
      "The customer's billing profile in Partner Center has no usable contact to send the agreement to. " +
        'Start the request in Teams with `request <customer>` and enter the signatory there.',
      { details: { fields: wrong.join(',') } },
    );
  }
  return value;
}

/**
 * The customer's language: what their Teams client last told us, else the billing profile's
 * culture, else the agreement language (which is English when nothing else is known).
 */
async function customerLocale(
  services: Services,
  customer: Customer,
  agreementLanguage: string,
): Promise<string> {
  const conversations = await services.store.conversations.listByTenant(customer.id.toLowerCase());
  const latest = conversations
    .filter((c) => c.kind === 'customer')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  return latest?.locale ?? customer.billingProfile?.culture ?? agreementLanguage;
}

/**
 * The customer's open acceptance request, or a new one (queued; the `acceptance.start` job creates
 * the attestation and delivers the customer card). Used by the request form and by purchase notices.
 * One creation at a time per customer (the customer lock), so two triggers at once make one request.
 *
 * @example
 * const { request, created } = await openOrJoinRequest(services, customer, requestedBy, conversation, {
 *   partnerLocale: 'en-US',
 * });
 */
export async function openOrJoinRequest(
  services: Services,
  customer: Customer,
  requestedBy: AcceptanceRequest['requestedBy'],
  partnerConversation: ConversationKey,
  options: OpenOrJoinOptions,
): Promise<{ request: AcceptanceRequest; created: boolean }> {
  return services.coordination.customerLock.withLock(customer.id.toLowerCase(), openOrJoin);

  async function openOrJoin(): Promise<{ request: AcceptanceRequest; created: boolean }> {
    const existing = await openRequestFor(services, customer.id);
    if (existing)
      return { request: existing, created: !!options.openedFor && existing.openedFor === options.openedFor };
    const who = options.signatory ?? signatoryFromBillingProfile(customer);
    const now = services.clock.now().toISOString();
    const request: AcceptanceRequest = {
      id: randomUUID(),
      customerTenantId: customer.id.toLowerCase(),
      companyName: who.companyName,
      country: who.country,
      language: who.language,
      customerLocale: await customerLocale(services, customer, who.language),
      signatory: { firstName: who.firstName, lastName: who.lastName, email: who.email, phone: who.phone },
      state: 'queued',
      requestedBy,
      partnerConversation,
      partnerLocale: options.partnerLocale,
      createdAt: now,
      ...(options.purchase ? { purchase: options.purchase } : {}),
      ...(options.openedFor ? { openedFor: options.openedFor } : {}),
    };
    await createRequest(services, request);
    await audit({ services, caller: requestedBy }, 'acceptance.requested', {
      customerTenantId: customer.id,
      details: { requestId: request.id, ...(options.purchase ? { via: 'purchase-notice' } : {}) },
      at: now,
    });
    await services.store.jobs.enqueue({
      type: ACCEPTANCE_JOBS.start,
      payload: { requestId: request.id },
      runAt: services.clock.now(),
      idempotencyKey: startKey(request.id),
      maxAttempts: 12,
    });
    return { request, created: true };
  }
}
