import { AppError } from '../../core/errors';
import type { VerbHandler } from '../../core/router';
import { checkRequest } from './check-acceptance';
import { renderRequestCard } from './request-card';
import { requestIdFrom } from './request-id';
import { loadRequest } from './request-store';

/** `refreshAcceptanceRequest` (Check now / Open): checks Partner Center now and shows the request card. */
export const refreshAcceptanceRequest: VerbHandler = async (ctx, data) => {
  const id = requestIdFrom(data);
  const r = (await checkRequest(ctx.services, id)) ?? (await loadRequest(ctx.services, id))?.request;
  if (!r)
    throw new AppError(
      'INPUT_INVALID',
      'I can’t find this request any more. Type requests to see the open ones.',
    );
  return { card: renderRequestCard(r, ctx.locale) };
};
