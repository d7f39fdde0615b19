import type { FeatureContext, Reply } from '../../core/context';
import { isAppError } from '../../core/errors';
import { strangerReply } from './own-customer';
import { customerWelcomeReply } from './welcome-card';

/**
 * The app installed (or first used) in another tenant: Partner Center decides whether it is one of
 * our customers. Only then is the conversation kept, to reach them later.
 */
export async function customerInstall(ctx: FeatureContext): Promise<{ reply: Reply; remember: boolean }> {
  let isCustomer = false;
  try {
    await ctx.services.partnerCenter.getCustomer(ctx.caller.tenantId);
    isCustomer = true;
  } catch (err) {
    if (!isAppError(err, 'PC_NOT_FOUND') && !isAppError(err, 'INPUT_INVALID')) throw err;
  }
  // Customers can help themselves from the first message: Check my status.
  return isCustomer
    ? { remember: true, reply: customerWelcomeReply(ctx) }
    : { remember: false, reply: strangerReply(ctx) };
}
