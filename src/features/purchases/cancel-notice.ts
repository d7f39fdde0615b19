import type { VerbHandler } from '../../core/router';
import { withdrawNotice } from './withdraw-notice';

/** `cancelNotice` (Cancel notice on the tracking card): the card comes back as cancelled. */
export const cancelNotice: VerbHandler = async (ctx, data) =>
  withdrawNotice(ctx, typeof data.noticeId === 'string' ? data.noticeId : '');
