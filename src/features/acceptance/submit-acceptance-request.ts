import { randomUUID } from 'node:crypto';
import type { VerbHandler } from '../../core/router';
import { requireRole } from '../access/roles';
import { tenantIdFrom } from '../status/status-reply';
import { refreshPartnerCard } from './announce';
import { renderAcceptanceForm } from './form-card';
import { renderRequestCard } from './request-card';
import { createRequest, openRequestFor, updateRequest, type AcceptanceRequest } from './request-store';
import { readSignatoryForm } from './signatory-form';
import { START_JOB } from './start-request';

/**
 * `submitAcceptanceRequest` (form): checks the fields (problems → the form again, nothing created),
 * records the request and queues its start. The answer is immediate; Partner Center and delivery
 * happen in the job, which edits the returned card as it goes.
 */
export const submitAcceptanceRequest: VerbHandler = async (ctx, data) => {
  await requireRole(ctx, ['admin', 'sales']);
  const tenantId = tenantIdFrom(data);
  const { value, errors } = readSignatoryForm(data);
  if (Object.keys(errors).length > 0)
    return { card: renderAcceptanceForm(tenantId, value, errors, ctx.locale) };

  const { services } = ctx;
  const existing = await openRequestFor(services, tenantId);
  if (existing) return { card: renderRequestCard(existing, ctx.locale) };
  const customer = await services.partnerCenter.getCustomer(tenantId);
  const r: AcceptanceRequest = {
    id: randomUUID(),
    customerTenantId: tenantId,
    companyName: value.companyName,
    country: value.country,
    language: value.language,
    customerLocale: customer.billingProfile?.culture ?? value.language,
    signatory: {
      firstName: value.firstName,
      lastName: value.lastName,
      email: value.email,
      phone: value.phone,
    },
    state: 'queued',
    requestedBy: { aadObjectId: ctx.caller.aadObjectId, tenantId: ctx.caller.tenantId },
    partnerConversation: { tenantId: ctx.conversation.tenantId, conversationId: ctx.conversation.id },
    partnerLocale: ctx.locale,
    createdAt: services.clock.now().toISOString(),
  };
  await createRequest(services, r);
  await services.store.audit.append({
    at: r.createdAt,
    actorAadObjectId: ctx.caller.aadObjectId,
    actorTenantId: ctx.caller.tenantId,
    action: 'acceptance.requested',
    customerTenantId: tenantId,
    details: { requestId: r.id },
  });
  await services.store.jobs.enqueue({
    type: START_JOB,
    payload: { requestId: r.id },
    runAt: services.clock.now(),
    idempotencyKey: `${START_JOB}:${r.id}`,
    maxAttempts: 12,
  });
  return {
    card: renderRequestCard(r, ctx.locale),
    afterSend: (activityId) => {
      // The job may already have moved on while the card was on its way: catch the card up.
      void updateRequest(services, r.id, (c) => ({ ...c, partnerActivityId: activityId }))
        .then((result) =>
          result && result.after.state !== 'queued' ? refreshPartnerCard(services, result.after) : undefined,
        )
        .catch((err: unknown) => ctx.log.warn({ err }, 'could not remember the request card'));
    },
  };
};
