import type { FeatureContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { VerbHandler } from '../../core/router';
import { tenantIdFrom, knownStatus } from '../status';
import { historyReply } from './history-reply';

function beforeIdFrom(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  throw new AppError('INPUT_INVALID', 'This card names no valid page. Type history <customer> again.');
}

async function companyOf(ctx: FeatureContext, tenantId: string): Promise<string | undefined> {
  // The last known status has the name; no Partner Center call just to turn a page.
  return (await knownStatus(ctx.services, tenantId))?.companyName;
}

/** `historyPage` (Older entries): the next ten entries of the same customer. */
export const historyPage: VerbHandler = async (ctx, data) => {
  const tenantId = tenantIdFrom(data);
  return historyReply(ctx, tenantId, await companyOf(ctx, tenantId), beforeIdFrom(data.beforeId));
};
