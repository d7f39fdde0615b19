import type { VerbHandler } from '../../core/router';
import { statusReply, tenantIdFrom } from './status-reply';

/** `showStatus` (a row of the pick-one card): replaces the list with that customer's status card. */
export const showStatus: VerbHandler = async (ctx, data) =>
  statusReply(ctx, tenantIdFrom(data), 'status.checked');
