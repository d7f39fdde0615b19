import type { Router } from '../../core/router';
import { REQUEST_CHANGED } from '../acceptance';
import { cancel } from './cancel';
import { cancelNotice } from './cancel-notice';
import { withDeadLetter } from './dead-letter';
import { failed } from './failed';
import { followRequest } from './follow-request';
import { NOTICE_JOBS } from './notice-jobs';
import { notify } from './notify';
import { order } from './order';
import { releaseOrder } from './release-order';
import { sendAllSet } from './send-all-set';
import { sendHoldNotice } from './send-hold-notice';
import { sendReminder } from './send-reminder';
import { settleNotice } from './settle-notice';
import { startNotice } from './start-notice';
import { tellPartnerToRetry } from './tell-partner-to-retry';
import { updateTrackingCard } from './update-tracking-card';

export { type BlockedPurchase, type OpenNoticeResult } from './open-notice';

/** Purchase-blocked notices (issue 5): `notify`, `cancel`, `failed`, the card verb and the jobs. */
export function registerPurchases(router: Router): void {
  router.command('notify', notify, { audience: 'partner' });
  router.command('cancel', cancel, { audience: 'partner' });
  router.command('failed', failed, { audience: 'partner' });
  router.verb('cancelNotice', cancelNotice, { audience: 'partner' });
  router.job(NOTICE_JOBS.open, withDeadLetter(startNotice));
  router.job(NOTICE_JOBS.hold, withDeadLetter(sendHoldNotice));
  router.job(NOTICE_JOBS.track, withDeadLetter(updateTrackingCard));
  router.job(NOTICE_JOBS.remind, withDeadLetter(sendReminder));
  router.job(NOTICE_JOBS.settle, withDeadLetter(settleNotice));
  router.job(NOTICE_JOBS.ready, withDeadLetter(sendAllSet));
  router.job(NOTICE_JOBS.retryNote, withDeadLetter(tellPartnerToRetry));
  router.job(NOTICE_JOBS.release, withDeadLetter(releaseOrder));
  router.on(REQUEST_CHANGED, 'purchases', followRequest);
}

/** `order <customer> <offer>`: demo orders against the emulator. The wiring registers it in sandbox mode only. */
export function registerDemoOrders(router: Router): void {
  router.command('order', order, { audience: 'partner' });
}
