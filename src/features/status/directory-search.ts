import type { CustomerSummary } from '../../partner-center/types';
import { fold, type CustomerDirectory } from './customer-directory';
import type { CustomerQuery } from './find-customers';

/**
 * What Partner Center's lookups would answer, from the directory: the customer with this tenant
 * id; customers whose domain is the one typed (else starts with it); customers whose company name
 * starts with the text (ignoring case and accents). In listing order, at most `limit`.
 *
 * @example
 * findInDirectory(directory, { kind: 'name', value: 'fabrikam' }, 11) // [Fabrikam, Inc.]
 */
export function findInDirectory(
  directory: CustomerDirectory,
  query: CustomerQuery,
  limit: number,
): CustomerSummary[] {
  if (query.kind === 'tenantId') {
    const one = directory.byId(query.value);
    return one ? [one] : [];
  }
  const { customers, names } = directory;
  if (query.kind === 'domain') {
    const domainOf = (c: CustomerSummary) => c.companyProfile.domain.toLowerCase();
    const exact = customers.filter((c) => domainOf(c) === query.value);
    if (exact.length > 0) return exact.slice(0, limit);
    const starting = customers.filter((c) => domainOf(c).startsWith(query.value));
    if (starting.length > 0) return starting.slice(0, limit);
  }
  const wanted = fold(query.value);
  const found: CustomerSummary[] = [];
  for (let i = 0; i < customers.length && found.length < limit; i++) {
    if (names[i]!.startsWith(wanted)) found.push(customers[i]!);
  }
  return found;
}

/**
 * The fallback when no company name starts with the text: people type "lumiere" for
 * "Lumière & Fils" or "pharma" for "Contoso Pharma". Matches any word start, then any part,
 * ignoring accents and case.
 */
export function searchDirectory(
  directory: CustomerDirectory,
  query: string,
  limit: number,
): CustomerSummary[] {
  const wanted = fold(query.trim());
  if (wanted.length < 2) return [];
  const hits: { c: CustomerSummary; rank: number }[] = [];
  directory.customers.forEach((c, i) => {
    const name = directory.names[i]!;
    const rank = name.startsWith(wanted)
      ? 0
      : name.split(/[\s\-&.,/()]+/).some((w) => w.startsWith(wanted))
        ? 1
        : name.includes(wanted)
          ? 2
          : -1;
    if (rank >= 0) hits.push({ c, rank });
  });
  return hits
    .sort(
      (a, b) =>
        a.rank - b.rank || a.c.companyProfile.companyName.localeCompare(b.c.companyProfile.companyName),
    )
    .slice(0, limit)
    .map((h) => h.c);
}
