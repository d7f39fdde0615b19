import type { Services } from '../../core/context';
import { renderAccessCard } from './access-card';
import { getAccess, saveAccess, type AccessRecord } from './access-record';

/**
 * Re-reads a relationship's access assignments from Graph into the record and edits the access
 * card when something changed. `ended`: the relationship itself ended, so every assignment is gone.
 */
export async function followAccess(
  services: Services,
  relationshipId: string,
  options: { ended?: boolean } = {},
): Promise<AccessRecord | undefined> {
  const record = await getAccess(services, relationshipId);
  if (!record) return undefined;
  const before = JSON.stringify(record.assignments);
  if (options.ended) {
    for (const a of record.assignments) a.status = 'deleted';
  } else {
    const live = new Map((await services.gdapAccess.assignments(relationshipId)).map((a) => [a.id, a]));
    for (const a of record.assignments) a.status = live.get(a.assignmentId)?.status ?? 'deleted';
  }
  record.checkedAt = services.clock.now().toISOString();
  await saveAccess(services, record);
  if (record.card && JSON.stringify(record.assignments) !== before) {
    await services.messenger
      .update(record.card, record.card.activityId, { card: renderAccessCard(record, record.card.locale) })
      .catch((err: unknown) => services.log.warn({ err }, 'could not update the access card'));
  }
  return record;
}
