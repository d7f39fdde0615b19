import type { Services } from '../../core/context';
import type { AdaptiveCard } from '../../cards/render';
import type { Customer } from '../../partner-center/types';
import { readGdapFacts } from './gdap-facts';
import { readAgreementStatus } from './read-status';
import { renderStatusCard } from './status-card';
import { agreementDocumentFor } from './agreement-document';

/** A fresh status card for a proactive message (no turn, so no user to refresh it for). */
export async function freshStatusCard(
  services: Services,
  customer: Customer,
  locale: string,
): Promise<AdaptiveCard> {
  const [status, gdap] = await Promise.all([
    readAgreementStatus(services, customer),
    readGdapFacts(services, customer.id, { reuse: false }),
  ]);
  return renderStatusCard(status, {
    locale,
    refreshUserIds: [],
    document: agreementDocumentFor(services.links, status.customer.country, status.customer.culture),
    gdap,
  });
}
