import type { CommandHandler } from '../../core/router';
import { noCustomerMatches } from '../status';
import { lookUpCustomer } from './find-customer';
import { initialValues, renderGdapForm } from './gdap-form-card';

/** `gdap <customer>`: the form to request granular admin access with least-privilege role presets. */
export const gdap: CommandHandler = async (ctx, args) => {
  const found = await lookUpCustomer(ctx, args);
  if (found.kind === 'many') return found.reply;
  if (found.kind === 'none') {
    throw noCustomerMatches(found.query);
  }
  const { customer } = found;
  const companyName = customer.companyProfile.companyName;
  return {
    card: renderGdapForm(
      {
        tenantId: customer.id,
        companyName,
        partnerName: ctx.services.partner.name,
        values: initialValues(companyName, ctx.services.clock.now()),
      },
      ctx.locale,
    ),
  };
};
