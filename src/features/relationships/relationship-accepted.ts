import { audit } from '../../core/audit';
import type { Services } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import { freshStatusCard } from '../status';
import { invitationLink } from './invitation';
import { renderInviteCard } from './invite-card';
import { getInvitation, updateInvitation } from './invite-store';
import { rememberCustomer } from './known-customers';
import { notifyTarget } from './partner-channel';

/**
 * A customer accepted the reseller invitation (webhook or reconcile): the invitation card shows it,
 * and the partner channel gets the news and the customer's fresh status card with the next step
 * (e.g. "ask them to accept the MCA"). Told once per customer, whichever path notices first.
 */
export async function onRelationshipAccepted(services: Services, customerTenantId: string): Promise<void> {
  // Already told: still remembered, in case an earlier run stopped before doing so.
  if ((await getInvitation(services, customerTenantId))?.notifiedAt)
    return rememberCustomer(services, customerTenantId);
  const customer = await services.partnerCenter.getCustomer(customerTenantId);
  const now = services.clock.now().toISOString();
  const invitation = await updateInvitation(services, customer.id, (cur) => ({
    customerTenantId: customer.id,
    companyName: customer.companyProfile.companyName,
    domain: customer.companyProfile.domain,
    invitedAt: cur?.invitedAt ?? now,
    invitedBy: cur?.invitedBy ?? '',
    ...cur,
    status: 'accepted',
    acceptedAt: cur?.acceptedAt ?? now,
  }));
  const card = invitation?.card;
  if (invitation && card) {
    const view = {
      link: await invitationLink(services),
      partnerName: services.partner.name,
      dap: services.relationships.inviteDap,
      invitation,
    };
    await services.messenger
      .update(card, card.activityId, { card: renderInviteCard(view, card.locale) })
      .catch((err: unknown) => services.log.warn({ err }, 'could not update the invitation card'));
  }
  const target = await notifyTarget(services);
  if (target) {
    const s = stringsFor(target.locale);
    const p = {
      company: escapeMarkdown(customer.companyProfile.companyName),
      partner: escapeMarkdown(services.partner.name, 80),
    };
    const notice = renderNoticeCard(
      {
        title: t(s, 'relationship.accepted.title', p),
        message: t(s, 'relationship.accepted.message', p),
        tone: 'default',
      },
      target.locale,
    );
    await services.messenger.send(target, { card: notice });
    await services.messenger.send(target, { card: await freshStatusCard(services, customer, target.locale) });
  } else {
    services.log.warn({ customerTenantId }, 'no partner conversation to tell about an accepted invitation');
  }
  await updateInvitation(services, customer.id, (cur) => cur && { ...cur, notifiedAt: now });
  // So the reconcile job's new-customer check does not announce it a second time.
  await rememberCustomer(services, customer.id);
  await audit({ services }, 'relationship.accepted', { customerTenantId: customer.id, at: now });
}
