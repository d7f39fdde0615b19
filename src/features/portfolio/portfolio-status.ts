import type { FeatureContext } from '../../core/context';
import { errorReply } from '../../core/report-error';
import type { VerbHandler } from '../../core/router';
import { statusReply, tenantIdFrom } from '../status';
import { portfolioPage } from './portfolio-page';

/** Reads the customer's status and posts its card as a new message below the report. */
function postStatus(ctx: FeatureContext, tenantId: string): void {
  const to = { tenantId: ctx.conversation.tenantId, conversationId: ctx.conversation.id };
  const options = { locale: ctx.locale, log: ctx.log, partnerName: ctx.services.partner.name };
  void statusReply(ctx, tenantId, 'status.checked')
    .catch((err: unknown) => errorReply(err, options))
    .then((reply) => ctx.services.messenger.send(to, reply))
    .catch((err: unknown) => ctx.log.warn({ err }, 'status card not posted'));
}

/**
 * `portfolioStatus` (a row's Status button): the report stays where it is — clicking through ten
 * customers should not lose the page — and the customer's status card arrives as a new message.
 */
export const portfolioStatus: VerbHandler = async (ctx, data) => {
  const tenantId = tenantIdFrom(data);
  const reply = await portfolioPage(ctx, data);
  postStatus(ctx, tenantId);
  return reply;
};
