import { escapeMarkdown } from '../../cards/escape';
import { formatDateTime } from '../../cards/format';
import { stringsFor, t } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import type { Invitation } from './invite-store';
import { SENT_TO_CUSTOMER } from './customer-message';

export interface InviteCardView {
  link: string;
  partnerName: string;
  /** Legacy DAP requested by this link (RESELLER_INVITE_DAP). */
  dap: boolean;
  /** The customer this invitation is for; absent for the general invitation. */
  invitation?: Invitation;
  /** A ready e-mail (general invitation, or when delivery fell back to forwarding). */
  mailto?: string;
  /** A line above the invitation saying why it is shown (customer not found, no relationship yet); escaped. */
  lead?: string;
}

/**
 * The reseller invitation with the plain-language disclosure, the link to copy and the ways to send it.
 *
 * @example
 * renderInviteCard({ link, partnerName: 'Fabrikam', dap: false, invitation }, 'en-US')
 */
export function renderInviteCard(view: InviteCardView, locale: string): AdaptiveCard {
  const s = stringsFor(locale);
  const inv = view.invitation;
  const p = {
    partner: escapeMarkdown(view.partnerName, 80),
    company: escapeMarkdown(inv?.companyName ?? ''),
  };
  const accepted = inv?.status === 'accepted';
  const disclosure = [
    t(s, 'relationship.disclosure.globalAdmin'),
    t(s, 'relationship.disclosure.buy', p),
    t(s, view.dap ? 'relationship.disclosure.dap' : 'relationship.disclosure.admin', p),
    t(s, 'relationship.disclosure.support', p),
  ];
  const delivery = inv?.delivery;
  const mailto = view.mailto ?? (delivery?.channel === 'forward' ? delivery.mailto : '');
  return renderTemplate('relationship-invite', locale, {
    tenantId: inv?.customerTenantId ?? '',
    style: accepted ? 'good' : 'emphasis',
    title: inv ? t(s, 'relationship.invite.titleFor', p) : t(s, 'relationship.invite.title'),
    accepted: accepted
      ? t(s, 'relationship.invite.accepted', { ...p, time: formatDateTime(inv.acceptedAt ?? '', locale) })
      : '',
    lead: view.lead ?? '',
    intro: t(s, inv ? 'relationship.invite.intro' : 'relationship.invite.introGeneric', p),
    disclosure,
    link: view.link,
    delivered: delivery
      ? t(s, SENT_TO_CUSTOMER[delivery.channel], { time: formatDateTime(delivery.at, locale) })
      : '',
    waiting: inv && !accepted ? t(s, 'relationship.invite.waiting') : '',
    canSend: !!inv && !accepted,
    mailto: accepted ? '' : mailto,
  });
}
