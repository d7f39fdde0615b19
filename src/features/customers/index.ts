import type { Router } from '../../core/router';
import { adminCenterMessage } from './admin-center-reply';
import { isAdminCenterMessage } from './admin-center-message';
import { askForAcceptanceLink } from './ask-for-acceptance-link';
import { checkMyStatus } from './check-my-status';
import { customerStatus } from './customer-status';

export { customerInstall } from './customer-install';

/** What a customer admin can do in their own tenant: only ever about their own company. */
export function registerCustomers(router: Router): void {
  // The same words as the partner's `status`; for a customer they mean "my company".
  router.command(['status', 'check', 'mca', 'statut', 'estado', 'stato', 'ステータス'], customerStatus, {
    audience: 'customer',
  });
  // The admin center's "contact your partner", pasted by a customer or by partner staff.
  router.phrase(isAdminCenterMessage, adminCenterMessage);
  router.verb('checkMyStatus', checkMyStatus, { audience: 'customer' });
  router.verb('askForAcceptanceLink', askForAcceptanceLink, { audience: 'customer' });
}

// Used by other features (they import this feature only through this file).
export { customerWelcomeReply } from './welcome-card';
