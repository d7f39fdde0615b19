import type { VerbHandler } from '../../core/router';
import { customerById } from '../status';
import { relationshipIdOf } from '../../core/ids';
import { initialValues, renderGdapForm } from './gdap-form-card';
import { roleKeys } from './gdap-roles';

/**
 * `renewGdap` (status card or tracking card of a relationship ending soon): GDAP cannot be extended
 * by hand, so this opens the form for a new request with the same roles and duration.
 */
export const renewGdap: VerbHandler = async (ctx, data) => {
  const { services } = ctx;
  const current = await services.gdap.get(relationshipIdOf(data));
  const customer = await customerById(ctx.services, current.customerTenantId);
  const companyName = customer.companyProfile.companyName;
  const values = initialValues(companyName, services.clock.now(), roleKeys(current.roleIds) || 'helpdesk');
  if (current.durationDays) values.durationDays = String(current.durationDays);
  return {
    card: renderGdapForm(
      { tenantId: customer.id, companyName, partnerName: services.partner.name, values, renew: true },
      ctx.locale,
    ),
  };
};
