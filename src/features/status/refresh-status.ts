import type { VerbHandler } from '../../core/router';
import { statusReply, tenantIdFrom } from './status-reply';

/** `refreshStatus` (Refresh button and Teams' automatic refresh): re-reads Partner Center and replaces the card. */
export const refreshStatus: VerbHandler = async (ctx, data) =>
  statusReply(ctx, tenantIdFrom(data), 'status.refreshed');
