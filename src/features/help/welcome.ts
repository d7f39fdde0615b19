import type { FeatureContext, Reply } from '../../core/context';
import { renderHelpCard } from './help-card';

/** Greeting on install or first contact, listing the commands this app has (`available`). */
export async function welcome(ctx: FeatureContext, available?: readonly string[]): Promise<Reply> {
  return {
    card: renderHelpCard({
      locale: ctx.locale,
      partnerName: ctx.services.partner.name,
      variant: 'welcome',
      available,
    }),
  };
}
