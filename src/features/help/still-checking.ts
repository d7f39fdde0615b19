import { stringsFor, t } from '../../cards/i18n';
import { renderNoticeCard } from '../../cards/notice-card';
import type { FeatureContext, Reply } from '../../core/context';

/** Adaptive Cards' TIME() needs an ISO instant without milliseconds; Teams shows it in local time. */
function cardTime(at: Date): string {
  return `{{TIME(${at.toISOString().replace(/\.\d{3}Z$/, 'Z')})}}`;
}

/**
 * What a user sees while a slow answer is on its way (it is edited into the answer): "still
 * checking", or, while Partner Center holds every call back after a 429, when the bot retries.
 *
 * @example
 * stillChecking(ctx) // { card: notice "Still checking with Partner Center…" }
 */
export function stillChecking(ctx: Pick<FeatureContext, 'locale' | 'services'>): Reply {
  const s = stringsFor(ctx.locale);
  const until = ctx.services.partnerCenter.throttledUntil?.();
  if (until && until.getTime() > ctx.services.clock.now().getTime()) {
    return {
      card: renderNoticeCard(
        {
          title: t(s, 'working.throttled.title'),
          message: t(s, 'working.throttled.message', { time: cardTime(until) }),
          tone: 'warning',
        },
        ctx.locale,
      ),
    };
  }
  return {
    card: renderNoticeCard(
      { title: t(s, 'working.title'), message: t(s, 'working.message'), tone: 'default' },
      ctx.locale,
    ),
  };
}
