import type { FeatureContext, Reply } from '../../core/context';
import { renderHelpCard } from './help-card';

/** Greeting on install or first contact. */
export async function welcome(ctx: FeatureContext): Promise<Reply> {
  return {
    card: renderHelpCard({ locale: ctx.locale, partnerName: ctx.services.partner.name, variant: 'welcome' }),
  };
}
