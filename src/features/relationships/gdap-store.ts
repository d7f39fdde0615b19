import { updateRecord } from '../../store/update-record';
import type { DeliveryResult, Services } from '../../core/context';
import type { GdapRelationship, GdapStatus } from '../../graph/gdap';

const GDAP_KIND = 'gdap.request';

/** A GDAP request the bot created and follows until it ends. Ids and facts only, no personal data. */
export interface TrackedGdap {
  relationshipId: string;
  customerTenantId: string;
  companyName: string;
  displayName: string;
  roleIds: string[];
  durationDays: number;
  autoExtend: boolean;
  status: GdapStatus;
  endDateTime?: string;
  approvalLink: string;
  requestedBy: string;
  requestedAt: string;
  checkedAt: string;
  /** The tracking card, edited in place when the status changes. */
  card?: { tenantId: string; conversationId: string; activityId: string; locale: string };
  delivery?: DeliveryResult & { at: string };
  /** Events the partner was told about, so a webhook and the reconcile job do not both tell them. */
  notified?: string[];
}

export async function getTracked(services: Services, id: string): Promise<TrackedGdap | undefined> {
  return (await services.store.records.get<TrackedGdap>(GDAP_KIND, id.toLowerCase()))?.value;
}

/**
 * Read, change, write with the etag; a concurrent writer (webhook job vs. a click) makes us re-read.
 * Returns the stored value, or undefined when the request is not tracked.
 */
export async function updateTracked(
  services: Services,
  id: string,
  change: (current: TrackedGdap) => TrackedGdap,
): Promise<TrackedGdap | undefined> {
  const { after } = await updateRecord<TrackedGdap>(
    services.store.records,
    GDAP_KIND,
    id.toLowerCase(),
    (current) => current && change(current),
    { index1: (g) => g.customerTenantId },
  );
  return after;
}

export async function createTracked(services: Services, value: TrackedGdap): Promise<void> {
  await services.store.records.put(GDAP_KIND, value.relationshipId.toLowerCase(), value, '*', {
    index1: value.customerTenantId,
  });
}

/** Copies what Graph says now into the tracked request. */
export function withGraphState(tracked: TrackedGdap, r: GdapRelationship, now: Date): TrackedGdap {
  return {
    ...tracked,
    status: r.status,
    endDateTime: r.endDateTime ?? tracked.endDateTime,
    checkedAt: now.toISOString(),
  };
}

/** Every tracked request, oldest id first (the reconcile job walks them). */
export async function* allTracked(services: Services): AsyncGenerator<TrackedGdap> {
  let after: string | undefined;
  do {
    const page = await services.store.records.list<TrackedGdap>(GDAP_KIND, { limit: 100, after });
    for (const item of page.items) yield item.value;
    after = page.next;
  } while (after);
}
