import { audit } from '../../core/audit';
import { AppError } from '../../core/errors';
import type { VerbHandler } from '../../core/router';
import { requireRole } from '../access';
import { relationshipMessage } from './customer-message';
import { customerById } from '../status';
import { relationshipIdOf } from '../../core/ids';
import { renderGdapCard } from './gdap-card';
import { getTracked, updateTracked } from './gdap-store';

/** `sendGdapLink`: sends the approval link to the customer the same ways as the invitation. Admin agents only. */
export const sendGdapLink: VerbHandler = async (ctx, data) => {
  await requireRole(ctx, ['admin']);
  const { services } = ctx;
  const id = relationshipIdOf(data);
  const tracked = await getTracked(services, id);
  if (!tracked) {
    throw new AppError(
      'INPUT_INVALID',
      'MCA Assist did not create this request, so it has no approval link to send. Use Partner Center.',
    );
  }
  const customer = await customerById(ctx.services, tracked.customerTenantId);
  const result = await services.delivery.deliver(
    relationshipMessage({
      kind: 'gdap',
      customerTenantId: tracked.customerTenantId,
      companyName: tracked.companyName,
      partnerName: services.partner.name,
      link: tracked.approvalLink,
      locale: customer.billingProfile?.culture ?? 'en-US',
      emailTo: customer.billingProfile?.email ?? customer.companyProfile.email,
      idempotencyKey: `gdap-approval:${id}`,
      roleIds: tracked.roleIds,
      durationDays: tracked.durationDays,
    }),
  );
  const now = services.clock.now();
  const updated = await updateTracked(services, id, (cur) => ({
    ...cur,
    delivery: { ...result, at: now.toISOString() },
  }));
  await audit(ctx, 'gdap.link-sent', {
    customerTenantId: tracked.customerTenantId,
    details: { relationshipId: id, channel: result.channel },
    at: now.toISOString(),
  });
  return {
    card: renderGdapCard(updated ?? tracked, { locale: ctx.locale, partnerName: services.partner.name, now }),
  };
};
