import type { Services } from '../../core/context';

const KIND = 'display-name';
const MAX_NAME = 100;

const key = (tenantId: string, aadObjectId: string) =>
  `${tenantId.toLowerCase()}:${aadObjectId.toLowerCase()}`;

/**
 * Keeps the Teams display name a user last showed the bot (`from.name` on their activity), so the
 * history can say "Megan Bowen" instead of an object id. The audit log itself stores no names;
 * this is the one place they live, and it holds only what Teams already showed the bot.
 */
export async function rememberDisplayName(
  services: Services,
  tenantId: string,
  aadObjectId: string,
  name: string | undefined,
): Promise<void> {
  const clean = (name ?? '')
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, '')
    .trim()
    .slice(0, MAX_NAME);
  if (!tenantId || !aadObjectId || !clean) return;
  const id = key(tenantId, aadObjectId);
  const known = await services.store.records.get<{ name: string }>(KIND, id);
  if (known?.value.name === clean) return;
  await services.store.records.put(KIND, id, { name: clean }, '*');
}

/** The known display names of these actors, by `tenantId:aadObjectId` (lower case). */
export async function displayNames(
  services: Services,
  actors: { tenantId: string; aadObjectId: string }[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const a of actors) {
    if (!a.aadObjectId) continue;
    const id = key(a.tenantId, a.aadObjectId);
    if (names.has(id)) continue;
    const found = await services.store.records.get<{ name: string }>(KIND, id);
    if (found) names.set(id, found.value.name);
  }
  return names;
}

export function displayNameKey(tenantId: string, aadObjectId: string): string {
  return key(tenantId, aadObjectId);
}
