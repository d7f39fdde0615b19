import type { Router } from '../../core/router';
import { showStatus } from './show-status';
import { refreshStatus } from './refresh-status';
import { status } from './status';

export function registerStatus(router: Router): void {
  router.command(['status', 'check', 'mca'], status, { audience: 'partner' });
  router.verb('refreshStatus', refreshStatus, { audience: 'partner' });
  router.verb('showStatus', showStatus, { audience: 'partner' });
}
