import type { Router } from '../../core/router';
import { cancelAcceptanceRequest } from './cancel-acceptance-request';
import { confirmAccepted } from './confirm-accepted';
import { contactPartner } from './contact-partner';
import { refreshAcceptanceRequest } from './refresh-acceptance-request';
import { request } from './request';
import { requestAcceptance } from './request-acceptance';
import { requests } from './requests';
import { ACCEPTANCE_JOBS } from './jobs';
import { startRequest } from './start-request';
import { submitAcceptanceRequest } from './submit-acceptance-request';
import { watchAcceptance } from './watch-acceptance';

export { takeCustomerAsk } from './ask-limit';
export { REQUEST_CHANGED } from './request-hooks';

export function registerAcceptance(router: Router, options: { watchDays?: number } = {}): void {
  router.command(['request', 'demander', 'anfordern', 'solicitar', 'richiedi'], request, {
    audience: 'partner',
  });
  router.command(['requests', 'anfragen', 'demandes', 'solicitudes', 'richieste'], requests, {
    audience: 'partner',
  });
  router.verb('requestAcceptance', requestAcceptance, { audience: 'partner' });
  router.verb('submitAcceptanceRequest', submitAcceptanceRequest, { audience: 'partner' });
  router.verb('refreshAcceptanceRequest', refreshAcceptanceRequest, { audience: 'partner' });
  router.verb('cancelAcceptanceRequest', cancelAcceptanceRequest, { audience: 'partner' });
  // Customer cards: checked by verifyCustomerAction (signature + tenant), not by audience.
  router.verb('confirmAccepted', confirmAccepted, { audience: 'anyone' });
  router.verb('contactPartner', contactPartner, { audience: 'anyone' });
  router.job(ACCEPTANCE_JOBS.start, startRequest);
  router.job(ACCEPTANCE_JOBS.watch, watchAcceptance(options.watchDays));
}

// What other features use (they import this feature only through this file).
export { checkRequest } from './check-acceptance';
export { customerActionSignature } from './customer-action';
export {
  type CustomerCardServices,
  purchaseLine,
  renderCustomerCard,
  renderCustomerEmail,
} from './customer-card';
export { openOrJoinRequest } from './open-or-join-request';
export { type AcceptanceRequest, isOpen, loadRequest } from './request-store';

// Used by other features (they import this feature only through this file).
export { openRequestFor } from './request-store';
export { SENT_VIA } from './request-card';
