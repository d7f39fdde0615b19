import { audit } from '../../core/audit';
import type { VerbHandler } from '../../core/router';
import { checkRequest } from './check-acceptance';
import { renderCustomerCard } from './customer-card';
import { verifyCustomerAction } from './customer-action';
import { loadRequest } from './request-store';
import { AppError } from '../../core/errors';

/**
 * `confirmAccepted` ("I've accepted", customer): re-checks Partner Center now and says honestly
 * whether it shows the acceptance yet. Five clicks share one check (checkRequest), and the partner
 * hears about the acceptance once.
 */
export const confirmAccepted: VerbHandler = async (ctx, data) => {
  const { requestId, customerTenantId } = await verifyCustomerAction(ctx, data);
  const loaded = await loadRequest(ctx.services, requestId);
  if (!loaded || loaded.request.customerTenantId !== customerTenantId) {
    throw new AppError('FORGED_ACTION', 'This card belongs to another organisation. Nothing was done.');
  }
  await audit(ctx, 'acceptance.check-requested', { customerTenantId, details: { requestId } });
  const r = (await checkRequest(ctx.services, requestId)) ?? loaded.request;
  return { card: renderCustomerCard(r, ctx.services, { note: r.state === 'sent' ? 'not-yet' : undefined }) };
};
