import { audit } from '../../core/audit';
import type { VerbHandler } from '../../core/router';
import { requireRole } from '../access';
import { relationshipMessage } from './customer-message';
import { customerById } from '../status';
import { tenantIdOf } from './find-customer';
import { alreadyRelatedReply, invitationLink } from './invitation';
import { renderInviteCard } from './invite-card';
import { getInvitation, newInvitation, updateInvitation } from './invite-store';

/**
 * `sendInvite`: sends the invitation to the customer (their Teams chat with the bot, else e-mail to
 * the billing contact, else a ready e-mail for the partner) and updates the card. Admin or Sales agents only.
 */
export const sendInvite: VerbHandler = async (ctx, data) => {
  await requireRole(ctx, ['admin', 'sales']);
  const { services } = ctx;
  const customer = await customerById(ctx.services, tenantIdOf(data));
  if (customer.relationshipToPartner === 'reseller') return alreadyRelatedReply(customer, ctx.locale);
  const link = await invitationLink(services);
  const now = services.clock.now().toISOString();
  const existing =
    (await getInvitation(services, customer.id)) ??
    (await updateInvitation(services, customer.id, () =>
      newInvitation(customer, ctx.caller.aadObjectId, now),
    ));
  const result = await services.delivery.deliver(
    relationshipMessage({
      kind: 'invite',
      customerTenantId: customer.id,
      companyName: customer.companyProfile.companyName,
      partnerName: services.partner.name,
      link,
      locale: customer.billingProfile?.culture ?? 'en-US',
      emailTo: customer.billingProfile?.email ?? customer.companyProfile.email,
      // One send per invitation shown; showing it again (invite) allows sending again.
      idempotencyKey: `relationship-invite:${customer.id}:${existing?.invitedAt ?? now}`,
    }),
  );
  const invitation = await updateInvitation(
    services,
    customer.id,
    (cur) => cur && { ...cur, delivery: { ...result, at: now } },
  );
  await audit(ctx, 'relationship.invitation-sent', {
    customerTenantId: customer.id,
    details: { channel: result.channel },
    at: now,
  });
  return {
    card: renderInviteCard(
      { link, partnerName: services.partner.name, dap: services.relationships.inviteDap, invitation },
      ctx.locale,
    ),
  };
};
