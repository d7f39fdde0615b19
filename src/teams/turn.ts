import type { TurnContext } from 'botbuilder';
import type { FeatureContext, Services } from '../core/context';

const DEFAULT_LOCALE = 'en-US';

/** The tenant of the person acting. Teams puts it in channelData.tenant.id (and conversation.tenantId). */
export function tenantOf(context: TurnContext): string {
  const a = context.activity;
  const channelTenant = (a.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const id = typeof channelTenant === 'string' ? channelTenant : a.conversation?.tenantId;
  return (id ?? '').toLowerCase();
}

export function localeOf(context: TurnContext): string {
  const locale = context.activity.locale;
  return typeof locale === 'string' && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(locale)
    ? locale
    : DEFAULT_LOCALE;
}

/** Turns a Bot Framework turn into the framework-free context features receive. */
export function featureContext(
  context: TurnContext,
  services: Services,
  extra: { verb?: string; trigger?: 'automatic' | 'manual' } = {},
): FeatureContext {
  const a = context.activity;
  const tenantId = tenantOf(context);
  const caller = {
    id: a.from?.id ?? '',
    aadObjectId: a.from?.aadObjectId ?? '',
    tenantId,
    isPartner: tenantId !== '' && tenantId === services.partner.tenantId.toLowerCase(),
  };
  const log = services.log.child({
    activityId: a.id,
    tenantId,
    ...(extra.verb ? { verb: extra.verb } : {}),
  });
  return {
    caller,
    conversation: {
      id: a.conversation?.id ?? '',
      type: a.conversation?.conversationType ?? 'personal',
      tenantId,
    },
    locale: localeOf(context),
    services,
    log,
    trigger: extra.trigger,
  };
}
