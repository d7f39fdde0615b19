import { escapeMarkdown } from '../../cards/escape';
import { formatDate, formatDateTime } from '../../cards/format';
import { stringsFor, t, type LocaleKey } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import { roleNames } from '../../cards/role-names';
import type { AccessRecord } from './access-record';
import type { AccessAssignmentStatus } from '../../graph/gdap-access';

/** How an assignment's status reads on the access card. */
const ASSIGNMENT_STATUS: Record<AccessAssignmentStatus, LocaleKey> = {
  pending: 'access.status.pending',
  active: 'access.status.active',
  deleting: 'access.status.deleting',
  deleted: 'access.status.deleted',
  error: 'access.status.error',
  unknown: 'access.status.unknown',
};

/**
 * Who has access through one relationship: "Helpdesk Administrator → Helpdesk agents: active".
 * Edited in place while Microsoft sets the assignments up, and when the customer ends them.
 */
export function renderAccessCard(record: AccessRecord, locale: string): AdaptiveCard {
  const s = stringsFor(locale);
  const live = record.assignments.filter((a) => a.status !== 'deleted');
  const pending = live.some((a) => a.status === 'pending');
  const failed = live.some((a) => a.status === 'error');
  const p = {
    company: escapeMarkdown(record.companyName || record.customerTenantId),
    date: record.endDateTime ? formatDate(record.endDateTime, locale) : '—',
  };
  const message =
    live.length === 0
      ? 'access.card.removed'
      : failed
        ? 'access.card.failed'
        : pending
          ? 'access.card.pending'
          : 'access.card.active';
  return renderTemplate('gdap-access', locale, {
    relationshipId: record.relationshipId,
    title: t(s, 'access.card.title', p),
    style: live.length === 0 || failed ? 'attention' : pending ? 'emphasis' : 'good',
    lines: record.assignments.flatMap((a) =>
      a.roleIds.map((roleId) => ({
        line: t(s, 'access.line', {
          role: roleNames([roleId], s),
          group: escapeMarkdown(a.groupName, 120),
          status: t(s, ASSIGNMENT_STATUS[a.status]),
        }),
      })),
    ),
    message: t(s, message, p),
    checkedAt: t(s, 'gdap.checkedAt', { time: formatDateTime(record.checkedAt, locale) }),
  });
}

/** Status card rows: "Admin access: Helpdesk Administrator via Helpdesk agents, until 4 Dec 2027". */
export function accessRows(
  records: AccessRecord[],
  activeRelationshipIds: Set<string>,
  locale: string,
): { title: string; value: string }[] {
  const s = stringsFor(locale);
  return records
    .filter((r) => activeRelationshipIds.has(r.relationshipId.toLowerCase()))
    .flatMap((r) =>
      r.assignments
        .filter((a) => a.status === 'active')
        .map((a) => ({
          title: t(s, 'access.fact'),
          value: t(s, 'access.fact.value', {
            roles: roleNames(a.roleIds, s),
            group: escapeMarkdown(a.groupName, 120),
            date: r.endDateTime ? formatDate(r.endDateTime, locale) : '—',
          }),
        })),
    );
}
