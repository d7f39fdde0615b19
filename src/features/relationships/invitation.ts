import { audit } from '../../core/audit';
import type { FeatureContext, Reply, Services } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import type { Customer } from '../../partner-center/types';
import { relationshipMessage } from './customer-message';
import { renderInviteCard } from './invite-card';
import { newInvitation, updateInvitation } from './invite-store';

const CACHE = 'relationship.link';
/** The link is per partner and reusable (reference §2); re-read daily in case Partner Center changes it. */
const LINK_TTL_MS = 24 * 60 * 60_000;

/**
 * The partner's reseller invitation link with the `DAP=` parameter set as configured
 * (RESELLER_INVITE_DAP, default false: admin access is requested separately through GDAP).
 */
export async function invitationLink(services: Services): Promise<string> {
  const dap = services.relationships.inviteDap ? 'true' : 'false';
  const cached = await services.store.cache.get<string>(CACHE, dap);
  if (cached) return cached;
  const url = new URL((await services.partnerCenter.getResellerInvitation()).url);
  url.searchParams.set('DAP', dap);
  const link = url.toString();
  await services.store.cache.put(CACHE, dap, link, new Date(services.clock.now().getTime() + LINK_TTL_MS));
  return link;
}

/** "Already your customer" instead of an invitation nobody can accept. */
export function alreadyRelatedReply(customer: Customer, locale: string): Reply {
  const s = stringsFor(locale);
  const p = {
    company: escapeMarkdown(customer.companyProfile.companyName),
    domain: escapeMarkdown(customer.companyProfile.domain),
  };
  return {
    card: renderNoticeCard(
      {
        title: t(s, 'relationship.already.title', p),
        message: t(s, 'relationship.already.message', p),
        tone: 'default',
      },
      locale,
    ),
  };
}

/** A ready e-mail for the general invitation (no customer known, so no address). */
function genericMailto(services: Services, link: string, locale: string): string {
  const s = stringsFor(locale);
  const message = relationshipMessage({
    kind: 'invite',
    customerTenantId: '',
    companyName: t(s, 'relationship.customer.you'),
    partnerName: services.partner.name,
    link,
    locale,
    idempotencyKey: 'general',
  });
  return `mailto:?subject=${encodeURIComponent(message.email.subject)}&body=${encodeURIComponent(message.email.text)}`;
}

/**
 * The invitation card: for a known customer it is tracked (so the card can be updated when they
 * accept); without a customer it is the general link with a ready e-mail.
 */
export async function inviteReply(
  ctx: FeatureContext,
  customer?: Customer,
  /** A line above the invitation saying why it is shown (escaped). */
  lead?: string,
): Promise<Reply> {
  const { services } = ctx;
  if (customer?.relationshipToPartner === 'reseller') return alreadyRelatedReply(customer, ctx.locale);
  const link = await invitationLink(services);
  const base = { link, partnerName: services.partner.name, dap: services.relationships.inviteDap };
  if (!customer)
    return {
      card: renderInviteCard(
        { ...base, mailto: genericMailto(services, link, ctx.locale), lead },
        ctx.locale,
      ),
    };
  const now = services.clock.now().toISOString();
  const invitation = await updateInvitation(services, customer.id, () =>
    newInvitation(customer, ctx.caller.aadObjectId, now),
  );
  await audit(ctx, 'relationship.invitation-shown', {
    customerTenantId: customer.id,
    details: { dap: services.relationships.inviteDap },
    at: now,
  });
  const conversation = {
    tenantId: ctx.caller.tenantId,
    conversationId: ctx.conversation.id,
    locale: ctx.locale,
  };
  return {
    card: renderInviteCard({ ...base, invitation, lead }, ctx.locale),
    afterSend: (activityId) => {
      void updateInvitation(
        services,
        customer.id,
        (cur) => cur && { ...cur, card: { ...conversation, activityId } },
      ).catch((err: unknown) => ctx.log.warn({ err }, 'could not remember the invitation card'));
    },
  };
}
