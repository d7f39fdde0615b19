import type { Router } from '../../core/router';
import { showStatus } from './show-status';
import { refreshStatus } from './refresh-status';
import { status } from './status';

export function registerStatus(router: Router): void {
  // Teams shows command titles in the user's language (appPackage/<lang>.json) and sends them as typed.
  router.command(['status', 'check', 'mca', 'statut', 'estado', 'stato', 'ステータス'], status, {
    audience: 'partner',
  });
  router.verb('refreshStatus', refreshStatus, { audience: 'partner' });
  router.verb('showStatus', showStatus, { audience: 'partner' });
}

// What other features use (they import this feature only through this file).
export { customerById, matchCustomer, noCustomerMatches, type CustomerMatch } from './customer-lookup';
export { parseCustomerQuery, type CustomerQuery } from './find-customers';
export { renderPickCustomerCard } from './pick-customer-card';
export {
  type AgreementState,
  type AgreementStatus,
  isMcaSatisfied,
  type UnknownReason,
} from './agreement-status';
export { freshStatusCard } from './fresh-status-card';
export { type GdapStage, gdapStage } from './gdap-stage';
export { readAgreementStatus, readStatusByTenantId } from './read-status';
export { knownStatus, type StatusSnapshot, sweepStatus } from './status-cache';
export { statusReply, tenantIdFrom } from './status-reply';

// Used by other features (they import this feature only through this file).
export { readCustomerDirectory } from './customer-directory';
export { readGdapFacts } from './gdap-facts';
export { fold } from './customer-directory';
export { MAX_QUERY_LENGTH } from './find-customers';
export { STATE_PALETTE } from './state-palette';
export { STATE_LABEL } from './state-label';
