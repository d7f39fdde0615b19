import type { FeatureContext } from '../../core/context';
import type { GdapRelationship } from '../../graph/gdap';
import type { VerbHandler } from '../../core/router';
import { relationshipIdOf } from '../../core/ids';
import { renderGdapCard } from './gdap-card';
import { getTracked, updateTracked, withGraphState, type TrackedGdap } from './gdap-store';

/** A relationship the bot did not create (e.g. made in Partner Center) shown on the same card, untracked. */
export function untracked(r: GdapRelationship, services: FeatureContext['services']): TrackedGdap {
  const now = services.clock.now().toISOString();
  return {
    relationshipId: r.id.toLowerCase(),
    customerTenantId: r.customerTenantId,
    companyName: r.customerName,
    displayName: r.displayName,
    roleIds: r.roleIds,
    durationDays: r.durationDays ?? 0,
    autoExtend: r.autoExtend,
    status: r.status,
    endDateTime: r.endDateTime,
    approvalLink: services.gdap.approvalLink(r.id),
    requestedBy: '',
    requestedAt: r.createdDateTime ?? now,
    checkedAt: now,
  };
}

/** `refreshGdap`: re-reads the relationship from Microsoft Graph and redraws the tracking card. */
export const refreshGdap: VerbHandler = async (ctx, data) => {
  const { services } = ctx;
  const id = relationshipIdOf(data);
  const relationship = await services.gdap.get(id);
  const now = services.clock.now();
  const tracked =
    (await getTracked(services, id)) &&
    (await updateTracked(services, id, (cur) => withGraphState(cur, relationship, now)));
  return {
    card: renderGdapCard(tracked ?? untracked(relationship, services), {
      locale: ctx.locale,
      partnerName: services.partner.name,
      now,
    }),
  };
};
