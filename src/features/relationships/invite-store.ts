import { updateRecord } from '../../store/update-record';
import type { DeliveryResult, Services } from '../../core/context';
import type { Customer } from '../../partner-center/types';

const INVITE_KIND = 'relationship.invite';

/** An invitation shown for a known customer; followed until the customer accepts. Ids and facts only. */
export interface Invitation {
  customerTenantId: string;
  companyName: string;
  domain: string;
  invitedAt: string;
  invitedBy: string;
  status: 'open' | 'accepted';
  acceptedAt?: string;
  /** Set once the partner channel was told, so a webhook and the reconcile job do not both tell it. */
  notifiedAt?: string;
  card?: { tenantId: string; conversationId: string; activityId: string; locale: string };
  delivery?: DeliveryResult & { at: string };
}

/** A freshly shown invitation for a customer Partner Center knows. */
export function newInvitation(customer: Customer, invitedBy: string, invitedAt: string): Invitation {
  return {
    customerTenantId: customer.id,
    companyName: customer.companyProfile.companyName,
    domain: customer.companyProfile.domain,
    invitedAt,
    invitedBy,
    status: 'open',
  };
}

export async function getInvitation(services: Services, tenantId: string): Promise<Invitation | undefined> {
  return (await services.store.records.get<Invitation>(INVITE_KIND, tenantId))?.value;
}

/** Read-change-write with the etag; `change` gets undefined when there is no record yet. */
export async function updateInvitation(
  services: Services,
  tenantId: string,
  change: (current: Invitation | undefined) => Invitation | undefined,
): Promise<Invitation | undefined> {
  const { after } = await updateRecord(services.store.records, INVITE_KIND, tenantId, change, {
    index1: (i) => i.status,
  });
  return after;
}

/** Open invitations (index1 = status), for the reconcile job. */
export async function openInvitations(services: Services, limit: number): Promise<Invitation[]> {
  return (await services.store.records.findByIndex<Invitation>(INVITE_KIND, 'open', limit)).map(
    (r) => r.value,
  );
}
