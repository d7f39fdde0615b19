import type { CustomerSummary } from '../../partner-center/types';
import { fold } from '../status';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function rank(c: CustomerSummary, wanted: string): number {
  const name = fold(c.companyProfile.companyName);
  const domain = c.companyProfile.domain.toLowerCase();
  if (name.startsWith(wanted) || domain.startsWith(wanted)) return 0;
  if (name.split(/[\s\-&.,/()]+/).some((w) => w.startsWith(wanted))) return 1;
  if (name.includes(wanted) || domain.includes(wanted)) return 2;
  return -1;
}

/**
 * The customers a compose-box query means, best first: a tenant id matches exactly; otherwise the
 * start of the company name or domain, then the start of any word of the name, then any part —
 * ignoring accents and case. An empty query lists everyone by name (Teams' first, empty search).
 *
 * @example
 * matchCustomers(directory, 'lumiere')[0]?.companyProfile.companyName // 'Lumière & Fils SARL'
 */
export function matchCustomers(all: readonly CustomerSummary[], query: string): CustomerSummary[] {
  const wanted = fold(query.trim().replace(/\s+/g, ' '));
  const ordered = (list: { c: CustomerSummary; rank: number }[]) =>
    list
      .sort(
        (a, b) =>
          a.rank - b.rank ||
          byName.compare(a.c.companyProfile.companyName, b.c.companyProfile.companyName) ||
          a.c.id.localeCompare(b.c.id),
      )
      .map((h) => h.c);
  if (wanted === '') return ordered(all.map((c) => ({ c, rank: 0 })));
  if (GUID.test(wanted)) return all.filter((c) => c.id.toLowerCase() === wanted);
  const hits: { c: CustomerSummary; rank: number }[] = [];
  for (const c of all) {
    const r = rank(c, wanted);
    if (r >= 0) hits.push({ c, rank: r });
  }
  return ordered(hits);
}
