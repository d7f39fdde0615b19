import type { Services } from '../../core/context';
import type { CustomerSummary } from '../../partner-center/types';

const CACHE = 'customer-directory';
const TTL_MS = 6 * 60 * 60_000;
const PAGE_SIZE = 500;

/** Lower case without accents: "Lumière" → "lumiere", "Müller" → "muller". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The partner's customer list, read once and cached for six hours. */
export async function readCustomerDirectory(services: Services): Promise<CustomerSummary[]> {
  const cached = await services.store.cache.get<CustomerSummary[]>(CACHE, 'all');
  if (cached) return cached;
  // One listing at a time: searches typed while it runs wait for the same one.
  return services.coordination.singleFlight.run(CACHE, () => list(services));
}

async function list(services: Services): Promise<CustomerSummary[]> {
  const all: CustomerSummary[] = [];
  for await (const page of services.partnerCenter.listCustomers({ pageSize: PAGE_SIZE })) all.push(...page);
  await services.store.cache.put(CACHE, 'all', all, new Date(services.clock.now().getTime() + TTL_MS));
  return all;
}

/**
 * The fallback when Partner Center's prefix search finds nothing: people type "lumiere" for
 * "Lumière & Fils" or "pharma" for "Contoso Pharma". Matches any word start, ignoring accents and
 * case, against the partner's customer list (read once and cached for six hours).
 */
export async function searchDirectory(
  services: Services,
  query: string,
  limit: number,
): Promise<CustomerSummary[]> {
  const wanted = fold(query.trim());
  if (wanted.length < 2) return [];
  const hits: { c: CustomerSummary; rank: number }[] = [];
  for (const c of await readCustomerDirectory(services)) {
    const name = fold(c.companyProfile.companyName);
    const rank = name.startsWith(wanted)
      ? 0
      : name.split(/[\s\-&.,/()]+/).some((w) => w.startsWith(wanted))
        ? 1
        : name.includes(wanted)
          ? 2
          : -1;
    if (rank >= 0) hits.push({ c, rank });
  }
  return hits
    .sort(
      (a, b) =>
        a.rank - b.rank || a.c.companyProfile.companyName.localeCompare(b.c.companyProfile.companyName),
    )
    .slice(0, limit)
    .map((h) => h.c);
}
