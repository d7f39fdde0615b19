import { audit } from '../../core/audit';
import { AppError } from '../../core/errors';
import type { VerbHandler } from '../../core/router';
import { requireRole } from '../access';
import { refreshCustomerCard } from './announce';
import { runRequestHooks } from './request-hooks';
import { watchKey } from './jobs';
import { renderRequestCard } from './request-card';
import { requestIdFrom } from './request-id';
import { isOpen, updateRequest } from './request-store';

/** `cancelAcceptanceRequest`: stops the watcher and tells the customer (their card says withdrawn). */
export const cancelAcceptanceRequest: VerbHandler = async (ctx, data) => {
  await requireRole(ctx, ['admin', 'sales']);
  const id = requestIdFrom(data);
  const result = await updateRequest(ctx.services, id, (r) =>
    isOpen(r) ? { ...r, state: 'cancelled' } : undefined,
  );
  if (!result)
    throw new AppError(
      'INPUT_INVALID',
      'I can’t find this request any more. Type requests to see the open ones.',
    );
  if (isOpen(result.before)) {
    await ctx.services.store.jobs.cancelByKey(watchKey(id));
    await audit(ctx, 'acceptance.cancelled', {
      customerTenantId: result.after.customerTenantId,
      details: { requestId: id },
    });
    await runRequestHooks(ctx.services, result.after);
    await refreshCustomerCard(ctx.services, result.after);
  }
  return { card: renderRequestCard(result.after, ctx.locale) };
};
