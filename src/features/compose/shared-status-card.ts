import { stringsFor, t } from '../../cards/i18n';
import type { ComposeCard } from '../../core/compose-router';
import type { FeatureContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { knownStatus, STATE_LABEL } from '../status';
import { statusReply } from '../status';
import { STATE_PALETTE } from '../status';

/**
 * The status card as someone shares it into a chat or channel: read fresh from Partner Center,
 * refreshed for every reader (Universal Actions), with a one-line preview for the compose box.
 */
export async function sharedStatusCard(ctx: FeatureContext, tenantId: string): Promise<ComposeCard> {
  const reply = await statusReply(ctx, tenantId, 'status.checked', { shared: true });
  if (!reply.card) throw new AppError('INTERNAL', 'The status card could not be made.');
  // statusReply has just stored what it read.
  const known = await knownStatus(ctx.services, tenantId);
  const s = stringsFor(ctx.locale);
  return {
    card: reply.card,
    preview: known
      ? {
          title: known.companyName,
          subtitle: known.domain,
          text: `${STATE_PALETTE[known.state].marker} ${t(s, STATE_LABEL[known.state])}`,
        }
      : { title: tenantId },
  };
}
