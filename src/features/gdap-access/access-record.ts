import type { Services } from '../../core/context';
import type { AccessAssignmentStatus } from '../../graph/gdap-access';

const KIND = 'gdap.access';
const SETTINGS = 'settings';
const DEFAULTS_ID = 'gdap-default-groups';

/** One group's assignment on a relationship, as the bot last saw it. */
export interface TrackedAssignment {
  assignmentId: string;
  groupId: string;
  groupName: string;
  roleIds: string[];
  status: AccessAssignmentStatus;
}

/** Who at the partner has access through one GDAP relationship, and the card that shows it. */
export interface AccessRecord {
  relationshipId: string;
  customerTenantId: string;
  companyName: string;
  endDateTime?: string;
  assignments: TrackedAssignment[];
  card?: { tenantId: string; conversationId: string; activityId: string; locale: string };
  checkedAt: string;
}

export async function getAccess(
  services: Services,
  relationshipId: string,
): Promise<AccessRecord | undefined> {
  return (await services.store.records.get<AccessRecord>(KIND, relationshipId.toLowerCase()))?.value;
}

export async function saveAccess(services: Services, record: AccessRecord): Promise<void> {
  await services.store.records.put(KIND, record.relationshipId.toLowerCase(), record, '*', {
    index1: record.customerTenantId,
  });
}

export async function accessForCustomer(
  services: Services,
  customerTenantId: string,
): Promise<AccessRecord[]> {
  return (
    await services.store.records.findByIndex<AccessRecord>(KIND, customerTenantId.toLowerCase(), 50)
  ).map((r) => r.value);
}

/**
 * Which group gets which role by default (role template id → group id): the partner's saved choice
 * on the form, over GDAP_DEFAULT_ASSIGNMENTS.
 */
export async function defaultGroups(services: Services): Promise<Record<string, string>> {
  const saved = (await services.store.records.get<Record<string, string>>(SETTINGS, DEFAULTS_ID))?.value;
  return { ...services.relationships.defaultGroups, ...saved };
}

export async function rememberDefaultGroups(
  services: Services,
  choice: Record<string, string>,
): Promise<void> {
  await services.store.records.put(
    SETTINGS,
    DEFAULTS_ID,
    { ...(await defaultGroups(services)), ...choice },
    '*',
  );
}
