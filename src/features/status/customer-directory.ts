import type { Services } from '../../core/context';
import { isAppError } from '../../core/errors';
import { asBackground } from '../../core/priority';
import type { CustomerSummary } from '../../partner-center/types';

const CACHE = 'customer-directory';
/** `{ loadedAt, customers }`; the key changed with the format, so an older entry is not read. */
const KEY = 'list';
const PAGE_SIZE = 500;
/** Younger than this, the directory is used as it is. */
export const DIRECTORY_FRESH_MS = 60 * 60_000;
/** Between fresh and this age it is still used, while a new listing runs in the background; older, never. */
export const DIRECTORY_MAX_AGE_MS = 24 * 60 * 60_000;

/** The partner's customer list (`GET /v1/customers`, every page) with what lookups need precomputed. */
export interface CustomerDirectory {
  readonly customers: readonly CustomerSummary[];
  /** Company names folded (see `fold`), in the order of `customers`. */
  readonly names: readonly string[];
  readonly loadedAt: number;
  byId(tenantId: string): CustomerSummary | undefined;
}

interface Stored {
  loadedAt: string;
  customers: CustomerSummary[];
}

/** What this app holds between lookups (its own; another instance reads the store's copy). */
interface Held {
  directory?: CustomerDirectory;
  refreshing: boolean;
  /** When a background listing last failed: the next waits a minute rather than following every lookup. */
  failedAt?: number;
}
const heldBy = (services: Services) => services.memory.slot<Held>(CACHE, () => ({ refreshing: false }));
const RETRY_AFTER_FAILURE_MS = 60_000;

/** Lower case without accents: "Lumière" → "lumiere", "Müller" → "muller". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function indexed(customers: CustomerSummary[], loadedAt: number): CustomerDirectory {
  const ids = new Map(customers.map((c) => [c.id.toLowerCase(), c]));
  return {
    customers,
    names: customers.map((c) => fold(c.companyProfile.companyName)),
    loadedAt,
    byId: (tenantId) => ids.get(tenantId.toLowerCase()),
  };
}

function age(services: Services, directory: CustomerDirectory): number {
  // A clock set back (tests) makes a directory look young, never unusable.
  return Math.max(0, services.clock.now().getTime() - directory.loadedAt);
}

async function list(services: Services): Promise<CustomerDirectory> {
  const all: CustomerSummary[] = [];
  for await (const page of services.partnerCenter.listCustomers({ pageSize: PAGE_SIZE })) all.push(...page);
  const loadedAt = services.clock.now().getTime();
  const stored: Stored = { loadedAt: new Date(loadedAt).toISOString(), customers: all };
  await services.store.cache.put(CACHE, KEY, stored, new Date(loadedAt + DIRECTORY_MAX_AGE_MS));
  const directory = indexed(all, loadedAt);
  heldBy(services).directory = directory;
  return directory;
}

/** One listing at a time (across instances with a shared coordination): lookups meanwhile wait for it. */
function relist(services: Services): Promise<CustomerDirectory> {
  return services.coordination.singleFlight.run(CACHE, () => list(services));
}

/**
 * Lists the customers again in the background (once at a time); lookups keep the directory they
 * have meanwhile, as background work (behind people's calls in the limiter). Called when the
 * directory turns stale, and when Partner Center knows a customer the directory does not (added
 * since it was listed).
 */
export function refreshCustomerDirectory(services: Services): void {
  const held = heldBy(services);
  const sinceFailure = services.clock.now().getTime() - (held.failedAt ?? -Infinity);
  if (held.refreshing || (sinceFailure >= 0 && sinceFailure < RETRY_AFTER_FAILURE_MS)) return;
  held.refreshing = true;
  // Nobody waits for it: it must not take a person's place in the Partner Center queue.
  asBackground(() => relist(services))
    .then(() => (held.failedAt = undefined))
    .catch((err: unknown) => {
      held.failedAt = services.clock.now().getTime();
      services.log.warn(
        { code: isAppError(err) ? err.code : 'INTERNAL' },
        'the customer list could not be refreshed; the one held stays in use',
      );
    })
    .finally(() => (held.refreshing = false));
}

/** The directory held in memory or kept in the store (by this or another instance), if young enough. */
async function kept(services: Services): Promise<CustomerDirectory | undefined> {
  const held = heldBy(services);
  const inMemory = held.directory;
  if (inMemory && age(services, inMemory) < DIRECTORY_MAX_AGE_MS) return inMemory;
  const stored = await services.store.cache.get<Stored>(CACHE, KEY);
  if (!stored) return undefined;
  const directory = indexed(stored.customers, Date.parse(stored.loadedAt));
  if (age(services, directory) >= DIRECTORY_MAX_AGE_MS) return undefined;
  held.directory = directory;
  return directory;
}

function refreshIfStale(services: Services, directory: CustomerDirectory): CustomerDirectory {
  if (age(services, directory) >= DIRECTORY_FRESH_MS) refreshCustomerDirectory(services);
  return directory;
}

/**
 * The partner's customer directory: listed once, then used for an hour as it is and for up to a day
 * while a new listing runs in the background. Waits for a listing only when none is kept.
 */
export async function customerDirectory(services: Services): Promise<CustomerDirectory> {
  const directory = await kept(services);
  return directory ? refreshIfStale(services, directory) : relist(services);
}

/**
 * The directory if one is kept, without waiting for a listing: when none is, a listing starts in
 * the background and this answers undefined (a typed command then asks Partner Center directly,
 * so the first `status` of a large portfolio does not wait for every page).
 */
export async function customerDirectoryIfKept(services: Services): Promise<CustomerDirectory | undefined> {
  const directory = await kept(services);
  if (directory) return refreshIfStale(services, directory);
  refreshCustomerDirectory(services);
  return undefined;
}

/** Drops the directory held and kept, so the next lookup lists the customers again. */
export async function forgetCustomerDirectory(services: Services): Promise<void> {
  heldBy(services).directory = undefined;
  await services.store.cache.delete(CACHE, KEY);
}

/** The partner's customer list (see `customerDirectory`). */
export async function readCustomerDirectory(services: Services): Promise<readonly CustomerSummary[]> {
  return (await customerDirectory(services)).customers;
}
