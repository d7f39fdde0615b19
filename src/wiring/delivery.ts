import type { AppConfig } from '../config';
import type { Clock } from '../core/clock';
import type { Messenger, ReleaseSender } from '../core/context';
import type { Logger } from '../core/logger';
import { createCustomerDelivery, type DeliveryEngine, type MailSender } from '../delivery/customer-delivery';
import { dryRunMailSender, dryRunMessenger, dryRunReleaseSender } from '../delivery/dry-run';
import { createReleaseSender } from '../delivery/release-sender';
import type { Store } from '../store/types';
import { TeamsMessenger } from '../teams';
import type { McaAdapter } from '../teams/adapter';

export interface DeliveryWiringDeps {
  config: AppConfig;
  log: Logger;
  store: Store;
  clock: Clock;
  adapter: McaAdapter;
  /** Graph mail, built only when MAIL_FROM is set and sends are real. */
  mail: () => MailSender;
  /** Several instances: this instance's part of every Teams pace (1/N). */
  share?: () => number;
  /** Several instances: this instance's membership id, and whether another one is live (src/delivery/once.ts). */
  instance?: { id: string; isLive: (id: string) => Promise<boolean> };
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryWiring {
  messenger: Messenger;
  delivery: DeliveryEngine;
  release?: ReleaseSender;
}

/**
 * What goes out to customers and the partner's systems: Teams, e-mail and purchase releases, or
 * with NOTIFY_DRY_RUN=true stand-ins that only log (src/delivery/dry-run.ts).
 */
export function deliveryFor(deps: DeliveryWiringDeps): DeliveryWiring {
  const { config, log, store, clock } = deps;
  const dryRun = config.delivery.dryRun;
  const messenger = dryRun
    ? dryRunMessenger(log.child({ component: 'messenger' }))
    : new TeamsMessenger({
        adapter: deps.adapter,
        appId: config.bot.appId ?? '',
        conversations: store.conversations,
        log: log.child({ component: 'messenger' }),
        perTenantPerSecond: config.delivery.tenantRatePerSecond,
        share: deps.share,
        sleep: deps.sleep,
      });
  const from = config.mail.from;
  const mailSender = !from
    ? undefined
    : dryRun
      ? dryRunMailSender(log.child({ component: 'mail' }))
      : deps.mail();
  const delivery = createCustomerDelivery({
    store,
    messenger,
    clock,
    log: log.child({ component: 'delivery' }),
    mail: mailSender && from ? { sender: mailSender, from } : undefined,
    partnerTenantId: config.partner.tenantId,
    instance: deps.instance,
  });
  const { releaseUrl, releaseSecret } = config.purchases;
  const release = !releaseUrl
    ? undefined
    : dryRun
      ? dryRunReleaseSender(log.child({ component: 'release' }))
      : createReleaseSender({ url: releaseUrl, secret: releaseSecret ?? '', clock, fetch: deps.fetch });
  return { messenger, delivery, release };
}
