import type { Router } from '../../core/router';
import { PARTNER_CENTER_EVENT_JOB } from '../../webhooks/event';
import { gdap } from './gdap';
import { invite } from './invite';
import { notifications } from './notifications';
import { onPartnerCenterEvent } from './on-event';
import { reconcileRelationships, RECONCILE_JOB } from './reconcile';
import { refreshGdap } from './refresh-gdap';
import { renewGdap } from './renew-gdap';
import { requestRelationship } from './request-relationship';
import { sendGdapLink } from './send-gdap-link';
import { sendInvite } from './send-invite';
import { submitGdap } from './submit-gdap';
import { webhooks } from './webhooks';

export { scheduleReconcile } from './reconcile';

/** Reseller invitations, GDAP requests and Partner Center webhook reactions (issue 6). */
export function registerRelationships(router: Router): void {
  router.command(['invite', 'invitation'], invite, { audience: 'partner' });
  router.command('gdap', gdap, { audience: 'partner' });
  router.command('notifications', notifications, { audience: 'partner' });
  router.command('webhooks', webhooks, { audience: 'partner' });
  router.verb('requestRelationship', requestRelationship, { audience: 'partner' });
  router.verb('sendInvite', sendInvite, { audience: 'partner' });
  router.verb('submitGdap', submitGdap, { audience: 'partner' });
  router.verb('refreshGdap', refreshGdap, { audience: 'partner' });
  router.verb('sendGdapLink', sendGdapLink, { audience: 'partner' });
  router.verb('renewGdap', renewGdap, { audience: 'partner' });
  router.job(PARTNER_CENTER_EVENT_JOB, onPartnerCenterEvent);
  router.job(RECONCILE_JOB, reconcileRelationships);
}

// What other features use (they import this feature only through this file).
export { notifyTarget } from './partner-channel';

// Used by other features (they import this feature only through this file).
export { inviteReply } from './invitation';
