import { updateRecord } from '../../store/update-record';
import type { Services } from '../../core/context';

/**
 * The ids of customers seen with a reseller relationship. Partner Center's reseller invitation link
 * is per partner, so a brand-new customer can accept it while the bot is down; comparing this set
 * with `listCustomers` is the only way the reconcile job can notice. Ids only (no names): it grows
 * with the portfolio and is one record.
 */
const KIND = 'relationship.known-customers';
const ID = 'reseller';

interface KnownCustomers {
  ids: string[];
}

/**
 * Read-change-write with the etag (the webhook job and the reconcile job may write at once).
 * `change` gets undefined when the set was never recorded and returns undefined to leave it alone.
 */
async function updateKnown(
  services: Services,
  change: (current: Set<string> | undefined) => Set<string> | undefined,
): Promise<void> {
  await updateRecord<KnownCustomers>(services.store.records, KIND, ID, (current) => {
    const next = change(current && new Set(current.ids));
    return next && { ids: [...next].sort() };
  });
}

/**
 * Adds a customer whose acceptance was handled, so the reconcile job does not announce it again.
 * Does nothing before the first reconcile recorded the set: a set holding only this id would make
 * that first run announce the whole portfolio.
 */
export async function rememberCustomer(services: Services, customerTenantId: string): Promise<void> {
  const id = customerTenantId.toLowerCase();
  await updateKnown(services, (known) => (known && !known.has(id) ? known.add(id) : undefined));
}

/** The known set, or undefined before the first reconcile recorded it. */
export async function knownCustomers(services: Services): Promise<Set<string> | undefined> {
  const stored = await services.store.records.get<KnownCustomers>(KIND, ID);
  return stored && new Set(stored.value.ids);
}

/** Records the set on the first reconcile (merged with any id written meanwhile). */
export async function recordKnownCustomers(services: Services, ids: string[]): Promise<void> {
  await updateKnown(services, (known) => new Set([...(known ?? []), ...ids.map((x) => x.toLowerCase())]));
}
