import type { Services } from '../../core/context';
import { isAppError } from '../../core/errors';
import { formatDate } from '../../cards/format';
import { t, type Strings } from '../../cards/i18n';
import { roleNames } from '../../cards/role-names';
import { daysLeft, gdapStage } from './gdap-stage';

/** The customer's active GDAP relationships for the status card, or why they could not be read. */
export type GdapFacts =
  | {
      ok: true;
      active: { relationshipId: string; roleIds: string[]; endDateTime?: string; expiring: boolean }[];
    }
  | { ok: false };

const CACHE = 'gdap.facts';
/** Teams re-renders cards on view; reuse a read for this long unless the partner presses Refresh. */
const REUSE_MS = 2 * 60_000;

/**
 * Reads the customer's GDAP relationships from Microsoft Graph (active and ending ones only).
 * A Graph failure never breaks the status card: it shows "couldn't read" instead.
 */
export async function readGdapFacts(
  services: Services,
  tenantId: string,
  options: { reuse: boolean },
): Promise<GdapFacts> {
  if (options.reuse) {
    const cached = await services.store.cache.get<GdapFacts>(CACHE, tenantId);
    if (cached) return cached;
  }
  const now = services.clock.now();
  let facts: GdapFacts;
  try {
    const all = await services.gdap.listForCustomer(tenantId);
    facts = {
      ok: true,
      active: all
        .map((r) => ({ r, stage: gdapStage(r, now) }))
        .filter(({ stage }) => stage === 'active' || stage === 'expiring')
        .map(({ r, stage }) => ({
          relationshipId: r.id,
          roleIds: r.roleIds,
          endDateTime: r.endDateTime,
          expiring: stage === 'expiring',
        })),
    };
  } catch (err) {
    services.log.warn(
      { code: isAppError(err) ? err.code : 'INTERNAL', tenantId },
      'GDAP relationships could not be read',
    );
    facts = { ok: false };
  }
  await services.store.cache.put(CACHE, tenantId, facts, new Date(now.getTime() + REUSE_MS));
  return facts;
}

/** Status card rows ("Admin access (GDAP)") and the relationship to offer Renew for, if one ends soon. */
export function gdapRows(
  facts: GdapFacts,
  s: Strings,
  locale: string,
  now: Date,
): { rows: { title: string; value: string }[]; renewId: string } {
  const title = t(s, 'relationship.fact.gdap');
  if (!facts.ok) return { rows: [{ title, value: t(s, 'relationship.gdap.unavailable') }], renewId: '' };
  if (facts.active.length === 0)
    return { rows: [{ title, value: t(s, 'relationship.gdap.none') }], renewId: '' };
  const rows = facts.active.map((a) => {
    const params = {
      roles: roleNames(a.roleIds, s),
      date: a.endDateTime ? formatDate(a.endDateTime, locale) : '—',
      days: daysLeft(a.endDateTime, now) ?? 0,
    };
    return {
      title,
      value: t(s, a.expiring ? 'relationship.gdap.expiring' : 'relationship.gdap.entry', params),
    };
  });
  return { rows, renewId: facts.active.find((a) => a.expiring)?.relationshipId ?? '' };
}
