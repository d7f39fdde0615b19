import type { VerbHandler } from '../../core/router';
import { requireRole } from '../access';
import { tenantIdFrom } from '../status';
import { refreshPartnerCard } from './announce';
import { renderAcceptanceForm } from './form-card';
import { renderRequestCard } from './request-card';
import { openOrJoinRequest } from './open-or-join-request';
import { openRequestFor, updateRequest } from './request-store';
import { readSignatoryForm } from './signatory-form';

/**
 * `submitAcceptanceRequest` (form): checks the fields (problems → the form again, nothing created),
 * records the request and queues its start. The answer is immediate; Partner Center and delivery
 * happen in the job, which edits the returned card as it goes.
 */
export const submitAcceptanceRequest: VerbHandler = async (ctx, data) => {
  await requireRole(ctx, ['admin', 'sales']);
  const tenantId = tenantIdFrom(data);
  const { value, errors } = readSignatoryForm(data);
  const shownFor = typeof data.formCountry === 'string' ? data.formCountry : undefined;
  // A new country on a form that listed another's languages: show the new list, don't just refuse.
  if (errors.language && shownFor !== undefined && shownFor !== value.country)
    errors.language = 'form.error.languageChanged';
  if (Object.keys(errors).length > 0)
    return { card: renderAcceptanceForm(tenantId, value, errors, ctx.locale, shownFor) };

  const { services } = ctx;
  const existing = await openRequestFor(services, tenantId);
  if (existing) return { card: renderRequestCard(existing, ctx.locale) };
  const customer = await services.partnerCenter.getCustomer(tenantId);
  const { request: r, created } = await openOrJoinRequest(
    services,
    customer,
    { aadObjectId: ctx.caller.aadObjectId, tenantId: ctx.caller.tenantId },
    { tenantId: ctx.conversation.tenantId, conversationId: ctx.conversation.id },
    { signatory: value, partnerLocale: ctx.locale },
  );
  if (!created) return { card: renderRequestCard(r, ctx.locale) };
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
