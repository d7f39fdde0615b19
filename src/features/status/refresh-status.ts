import type { VerbHandler } from '../../core/router';
import { statusReply, tenantIdFrom } from './status-reply';

/**
 * `refreshStatus` (Refresh button and Teams' automatic refresh): re-reads Partner Center and
 * replaces the card. A card shared into a chat (`shared: true`) stays refreshable for every reader.
 */
export const refreshStatus: VerbHandler = async (ctx, data) =>
  statusReply(ctx, tenantIdFrom(data), 'status.refreshed', { shared: data.shared === true });
