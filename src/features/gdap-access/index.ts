import type { Router } from '../../core/router';
import { assignGdapGroups } from './assign-gdap-groups';
import { refreshGdapAccess } from './refresh-gdap-access';
import { submitGdapAssignments } from './submit-gdap-assignments';
import { WATCH_ACCESS_JOB, watchGdapAccess } from './watch-gdap-access';

export { followAccess } from './follow-access';
export { accessForCustomer } from './access-record';
export { accessRows } from './access-card';

/** GDAP that ends in working access: partner security groups get the approved roles. */
export function registerGdapAccess(router: Router): void {
  router.verb('assignGdapGroups', assignGdapGroups, { audience: 'partner' });
  router.verb('submitGdapAssignments', submitGdapAssignments, { audience: 'partner' });
  router.verb('refreshGdapAccess', refreshGdapAccess, { audience: 'partner' });
  router.job(WATCH_ACCESS_JOB, watchGdapAccess);
}
