import type { JobRunner } from '../../core/router';
import { customerIdOf, gdapRelationshipIdOf, type PartnerCenterEvent } from '../../webhooks/event';
import { GDAP_EVENTS, onGdapChange, type GdapEventName } from './gdap-event';
import { onRelationshipAccepted } from './relationship-accepted';

/** Runs one verified, deduplicated Partner Center event (queued by POST /api/partner-center/webhooks). */
export const onPartnerCenterEvent: JobRunner = async (job, services) => {
  const event = job.payload as PartnerCenterEvent;
  const log = services.log.child({ eventName: event.eventName });
  if (event.eventName === 'reseller-relationship-accepted-by-customer') {
    const customerId = customerIdOf(event);
    if (!customerId) return void log.warn('accepted-relationship event without a customer id');
    await onRelationshipAccepted(services, customerId);
    return;
  }
  if ((GDAP_EVENTS as readonly string[]).includes(event.eventName)) {
    const id = gdapRelationshipIdOf(event);
    if (!id) return void log.warn('GDAP event without a relationship id');
    await onGdapChange(services, id, event.eventName as GdapEventName);
    return;
  }
  // test-created (Partner Center's validation event) and anything registered elsewhere.
  log.info('Partner Center event received; nothing to do for it');
};
