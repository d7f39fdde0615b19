import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t } from '../../cards/i18n';
import { audit } from '../../core/audit';
import { AppError } from '../../core/errors';
import type { VerbHandler } from '../../core/router';
import { requireRole } from '../access';
import { refreshCustomerCard } from './announce';
import { runRequestHooks } from './request-hooks';
import { watchKey } from './jobs';
import { renderRequestCard } from './request-card';
import { requestIdFrom } from './request-id';
import { requestsListReply } from './requests';
import { isOpen, updateRequest } from './request-store';

/**
 * `cancelAcceptanceRequest`: stops the watcher and tells the customer (their card says withdrawn).
 * Clicked on a row of `requests` (`from: 'list'`), the list comes back current with what happened
 * on top — also when the row was stale — instead of being replaced by one request's card.
 */
export const cancelAcceptanceRequest: VerbHandler = async (ctx, data) => {
  await requireRole(ctx, ['admin', 'sales']);
  const id = requestIdFrom(data);
  const result = await updateRequest(ctx.services, id, (r) =>
    isOpen(r) ? { ...r, state: 'cancelled' } : undefined,
  );
  const fromList = data.from === 'list';
  const s = stringsFor(ctx.locale);
  if (!result && fromList) return requestsListReply(ctx, t(s, 'requests.gone'));
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
  if (fromList) {
    const company = escapeMarkdown(result.after.companyName);
    const note = isOpen(result.before)
      ? t(s, 'requests.cancelled', { company })
      : t(s, 'requests.notOpen', { company });
    return requestsListReply(ctx, note);
  }
  return { card: renderRequestCard(result.after, ctx.locale) };
};
