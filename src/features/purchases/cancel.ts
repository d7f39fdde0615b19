import type { CommandHandler } from '../../core/router';
import { withdrawNotice } from './withdraw-notice';

/** `cancel <notice id>`: stops a purchase notice's reminders and release (see withdraw-notice.ts). */
export const cancel: CommandHandler = async (ctx, args) =>
  withdrawNotice(ctx, args.trim().split(/\s+/)[0] ?? '');
