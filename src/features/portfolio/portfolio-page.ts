import type { VerbHandler } from '../../core/router';
import { filterFrom } from './filter';
import { pageFrom, portfolioReply } from './portfolio-reply';
import { loadSweep } from './sweep-store';

/**
 * `portfolioPage` (Next, Previous, CSV link on the digest): replaces the card with another page of
 * the same stored sweep, so everyone clicking sees the same, consistent list.
 */
export const portfolioPage: VerbHandler = async (ctx, data) => {
  const filter = filterFrom(data);
  const page = pageFrom(data.page);
  const sweep = await loadSweep(ctx.services, data.sweepId);
  return portfolioReply(ctx, sweep, filter, page);
};
