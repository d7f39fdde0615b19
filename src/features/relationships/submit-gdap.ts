import { audit } from '../../core/audit';
import type { FeatureContext, Reply } from '../../core/context';
import { isAppError } from '../../core/errors';
import { stringsFor } from '../../cards/i18n';
import type { VerbHandler } from '../../core/router';
import { requireRole } from '../access';
import { customerById } from '../status';
import { tenantIdOf } from './find-customer';
import { renderGdapCard } from './gdap-card';
import { renderGdapForm } from './gdap-form-card';
import { formValues, parseGdapForm, type GdapFormValues } from './gdap-roles';
import { createTracked, updateTracked, type TrackedGdap } from './gdap-store';

/** The reply to a click on a tracking card keeps that message's id; remember it for later edits. */
function rememberCard(ctx: FeatureContext, relationshipId: string): (activityId: string) => void {
  const card = { tenantId: ctx.caller.tenantId, conversationId: ctx.conversation.id, locale: ctx.locale };
  return (activityId) => {
    void updateTracked(ctx.services, relationshipId, (cur) => ({
      ...cur,
      card: { ...card, activityId },
    })).catch((err: unknown) => ctx.log.warn({ err }, 'could not remember the GDAP card'));
  };
}

function formAgain(
  ctx: FeatureContext,
  tenantId: string,
  companyName: string,
  values: GdapFormValues,
  error: string,
): Reply {
  return {
    card: renderGdapForm(
      { tenantId, companyName, partnerName: ctx.services.partner.name, values, error },
      ctx.locale,
    ),
  };
}

/**
 * `submitGdap`: validates the form, creates the GDAP relationship in Microsoft Graph, locks it for
 * approval and replaces the form with the tracking card. What Graph refuses is explained on the form.
 * Admin agents only (Partner Center's rule for GDAP).
 */
export const submitGdap: VerbHandler = async (ctx, data) => {
  const { services } = ctx;
  const tenantId = tenantIdOf(data);
  const values = formValues(data);
  const customer = await customerById(ctx.services, tenantId);
  const companyName = customer.companyProfile.companyName;
  let input;
  try {
    input = parseGdapForm(values, stringsFor(ctx.locale));
  } catch (err) {
    if (isAppError(err, 'INPUT_INVALID')) return formAgain(ctx, tenantId, companyName, values, err.message);
    throw err;
  }
  await requireRole(ctx, ['admin']);
  let relationship;
  try {
    relationship = await services.gdap.request({
      ...input,
      customerTenantId: tenantId,
      customerName: companyName,
    });
  } catch (err) {
    if (isAppError(err, 'INPUT_INVALID')) return formAgain(ctx, tenantId, companyName, values, err.message);
    throw err;
  }
  const now = services.clock.now().toISOString();
  const tracked: TrackedGdap = {
    relationshipId: relationship.id.toLowerCase(),
    customerTenantId: tenantId,
    companyName,
    displayName: input.displayName,
    roleIds: input.roleIds,
    durationDays: input.durationDays,
    autoExtend: input.autoExtend,
    status: relationship.status,
    endDateTime: relationship.endDateTime,
    approvalLink: services.gdap.approvalLink(relationship.id),
    requestedBy: ctx.caller.aadObjectId,
    requestedAt: now,
    checkedAt: now,
  };
  await createTracked(services, tracked);
  await audit(ctx, 'gdap.requested', {
    customerTenantId: tenantId,
    details: {
      relationshipId: tracked.relationshipId,
      roles: input.roleIds.length,
      days: input.durationDays,
      autoExtend: input.autoExtend,
    },
    at: now,
  });
  return {
    card: renderGdapCard(tracked, {
      locale: ctx.locale,
      partnerName: services.partner.name,
      now: services.clock.now(),
    }),
    afterSend: rememberCard(ctx, tracked.relationshipId),
  };
};
