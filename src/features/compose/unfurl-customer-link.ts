import type { LinkHandler } from '../../core/compose-router';
import { isAppError } from '../../core/errors';
import { tenantIdFromLink } from './customer-link';
import { sharedStatusCard } from './shared-status-card';
import { knownStatus } from '../status';

/**
 * A Partner Center customer link or a Microsoft 365 admin center link with a tenant id, pasted by
 * a partner user: the customer's status card as the preview. Anyone else, a link to a tenant that
 * is not this partner's customer, Partner Center not answering, or any other link: no preview, and
 * nothing revealed.
 */
export const unfurlCustomerLink: LinkHandler = async (ctx, url) => {
  if (!ctx.caller.isPartner) return undefined;
  const tenantId = tenantIdFromLink(url);
  if (!tenantId) return undefined;
  try {
    const shared = await sharedStatusCard(ctx, tenantId);
    // Partner Center not answering: no preview (the link posts as usual) rather than "can't tell".
    const known = await knownStatus(ctx.services, tenantId);
    return known?.state === 'unknown' && known.reason === 'unavailable' ? undefined : shared;
  } catch (err) {
    if (isAppError(err, 'CUSTOMER_NOT_FOUND')) return undefined;
    throw err;
  }
};
