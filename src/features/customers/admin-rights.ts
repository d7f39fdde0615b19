import type { FeatureContext } from '../../core/context';
import { escapeMarkdown } from '../../cards/escape';
import { formatDate } from '../../cards/format';
import { stringsFor, t } from '../../cards/i18n';
import { roleNames } from '../../cards/role-names';
import { readGdapFacts } from '../status';

/**
 * "Who has admin rights" on the customer's own status card: this partner's active GDAP
 * relationships with them (roles, end date), where the customer reviews or removes them, and what
 * removing them means (no more Microsoft service requests opened by the partner for them).
 */
export async function adminRights(
  ctx: FeatureContext,
  customerTenantId: string,
): Promise<{ title: string; lines: string[] }> {
  const s = stringsFor(ctx.locale);
  const p = { partner: escapeMarkdown(ctx.services.partner.name, 80) };
  const facts = await readGdapFacts(ctx.services, customerTenantId, { reuse: true });
  const held = !facts.ok
    ? [t(s, 'mine.admin.unavailable', p)]
    : facts.active.length === 0
      ? [t(s, 'mine.admin.none', p)]
      : facts.active.map((a) =>
          t(s, 'mine.admin.entry', {
            ...p,
            roles: roleNames(a.roleIds, s),
            date: a.endDateTime ? formatDate(a.endDateTime, ctx.locale) : '—',
          }),
        );
  return {
    title: t(s, 'mine.admin.title'),
    lines: [...held, t(s, 'mine.admin.where', p), t(s, 'mine.admin.consequence', p)],
  };
}
