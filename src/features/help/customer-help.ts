import type { CommandHandler } from '../../core/router';
import { customerWelcomeReply } from '../customers';

/**
 * What a customer (or anyone outside the partner's tenant) gets for `help` or text the bot does not
 * know: the customer welcome card (with Check my status), never the partner's command list.
 */
export const customerHelp: CommandHandler = async (ctx) => customerWelcomeReply(ctx);
