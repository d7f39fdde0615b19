import type { VerbHandler } from '../../core/router';
import { tenantIdFrom } from '../status';
import { requestFormReply } from './request-form';

/** `requestAcceptance` (status card button): the signatory form, prefilled from the billing profile. */
export const requestAcceptance: VerbHandler = async (ctx, data) => {
  const customer = await ctx.services.partnerCenter.getCustomer(tenantIdFrom(data));
  return requestFormReply(ctx, customer);
};
