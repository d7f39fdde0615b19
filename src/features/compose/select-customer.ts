import type { SelectHandler } from '../../core/compose-router';
import { AppError } from '../../core/errors';
import { tenantIdFrom } from '../status';
import { sharedStatusCard } from './shared-status-card';

/** A picked `findCustomer` row: the customer's status card, inserted into the compose box. */
export const selectCustomer: SelectHandler = async (ctx, data) => {
  if (!ctx.caller.isPartner) {
    throw new AppError('NOT_PARTNER_USER', 'This command is only available to the partner’s staff.');
  }
  return sharedStatusCard(ctx, tenantIdFrom(data));
};
