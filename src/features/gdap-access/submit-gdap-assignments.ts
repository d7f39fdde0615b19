import { audit } from '../../core/audit';
import type { FeatureContext, Reply } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';
import type { VerbHandler } from '../../core/router';
import type { GdapRelationship } from '../../graph/gdap';
import type { SecurityGroup } from '../../graph/gdap-access';
import { requireRole } from '../access';
import { roleNames } from '../../cards/role-names';
import { relationshipIdOf } from '../../core/ids';
import { stringsFor, type LocaleKey } from '../../cards/i18n';
import { renderAccessCard } from './access-card';
import {
  defaultGroups,
  getAccess,
  rememberDefaultGroups,
  saveAccess,
  type AccessRecord,
} from './access-record';
import { renderAssignForm, ROLE_INPUT, type AssignFormState } from './assign-form';
import { WATCH_ACCESS_JOB } from './watch-gdap-access';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Role → group from the form (or the saved choice), and what is wrong with it before Graph is asked. */
function choose(
  data: Record<string, unknown>,
  r: GdapRelationship,
  saved: Record<string, string>,
  ctx: FeatureContext,
): AssignFormState {
  const values: Record<string, string> = {};
  const errors: Record<string, LocaleKey> = {};
  const params: Record<string, string> = {};
  if (data.useDefaults === true) {
    for (const id of r.roleIds) if (saved[id]) values[id] = saved[id];
  } else {
    for (const [key, value] of Object.entries(data)) {
      if (!key.startsWith(ROLE_INPUT) || typeof value !== 'string' || value === '') continue;
      const roleId = key.slice(ROLE_INPUT.length).toLowerCase();
      if (!r.roleIds.includes(roleId)) {
        errors[''] = 'access.error.roleNotInRelationship';
        params.role = GUID.test(roleId) ? roleNames([roleId], stringsFor(ctx.locale)) : '?';
        continue;
      }
      values[roleId] = value.toLowerCase();
    }
  }
  if (Object.keys(values).length === 0 && !errors['']) errors[''] = 'access.form.none';
  return { values, errors, params };
}

/**
 * `submitGdapAssignments` (Assign, or Assign saved groups): checks the choice against Graph (the
 * group still exists and is a security group, the role is in the relationship, the group has no
 * assignment yet), creates one access assignment per group with its roles, remembers the choice
 * when asked, and returns the access card that follows the assignments until they are active.
 */
export const submitGdapAssignments: VerbHandler = async (ctx, data) => {
  await requireRole(ctx, ['admin']);
  const { services } = ctx;
  const relationship = await services.gdap.get(relationshipIdOf(data));
  const options = { locale: ctx.locale, partnerName: services.partner.name };
  const [groups, saved, existing] = await Promise.all([
    services.gdapAccess.securityGroups(),
    defaultGroups(services),
    services.gdapAccess.assignments(relationship.id),
  ]);
  const state = choose(data, relationship, saved, ctx);
  const form = (): Reply => ({ card: renderAssignForm(relationship, groups, state, options) });
  if (relationship.status !== 'active' && relationship.status !== 'expiring') {
    state.errors[''] = 'access.error.notActive';
    return form();
  }
  const byId = new Map(groups.map((g) => [g.id, g]));
  const taken = new Set(existing.filter((a) => a.status !== 'deleted').map((a) => a.groupId));
  for (const [roleId, groupId] of Object.entries(state.values)) {
    if (!byId.has(groupId)) state.errors[roleId] = 'access.error.groupGone';
    else if (taken.has(groupId)) state.errors[roleId] = 'access.error.duplicate';
  }
  if (Object.keys(state.errors).length > 0) return form();

  const perGroup = new Map<string, string[]>();
  for (const [roleId, groupId] of Object.entries(state.values))
    perGroup.set(groupId, [...(perGroup.get(groupId) ?? []), roleId]);
  const record: AccessRecord = (await getAccess(services, relationship.id)) ?? {
    relationshipId: relationship.id.toLowerCase(),
    customerTenantId: relationship.customerTenantId,
    companyName: relationship.customerName,
    assignments: [],
    checkedAt: services.clock.now().toISOString(),
  };
  record.endDateTime = relationship.endDateTime;
  for (const [groupId, roleIds] of perGroup) {
    try {
      const made = await services.gdapAccess.assign(relationship.id, groupId, roleIds);
      record.assignments.push({
        assignmentId: made.id,
        groupId,
        groupName: (byId.get(groupId) as SecurityGroup).displayName,
        roleIds,
        status: made.status,
      });
    } catch (err) {
      const why = explain(err);
      for (const roleId of roleIds) state.errors[roleId] = why;
    }
  }
  await saveAccess(services, record);
  if (data.remember === 'true' || data.remember === true) await rememberDefaultGroups(services, state.values);
  await audit(ctx, 'gdap.access.assigned', {
    customerTenantId: relationship.customerTenantId,
    details: { relationshipId: relationship.id.toLowerCase(), groups: record.assignments.length },
  });
  if (Object.keys(state.errors).length > 0) return form();
  await services.store.jobs.enqueue({
    type: WATCH_ACCESS_JOB,
    payload: { relationshipId: record.relationshipId, round: 0 },
    runAt: new Date(services.clock.now().getTime() + 1_500),
    idempotencyKey: `${WATCH_ACCESS_JOB}:${record.relationshipId}:${record.assignments.length}`,
  });
  return {
    card: renderAccessCard(record, ctx.locale),
    afterSend: (activityId) => {
      record.card = {
        tenantId: ctx.caller.tenantId,
        conversationId: ctx.conversation.id,
        activityId,
        locale: ctx.locale,
      };
      void saveAccess(services, record).catch((err: unknown) =>
        services.log.warn({ err }, 'could not remember the access card'),
      );
    },
  };
};

/** Graph's refusals of an access assignment, in words for the form (codes are UNCONFIRMED; matched by meaning). */
function explain(err: unknown): LocaleKey {
  if (!isAppError(err, 'GRAPH_BAD_REQUEST'))
    throw err instanceof Error ? err : new AppError('INTERNAL', String(err));
  const text = `${String(err.details.graphCode ?? '')} ${err.message}`;
  if (err.details.status === 409 || /conflict|exist/i.test(text)) return 'access.error.duplicate';
  if (/role/i.test(text)) return 'access.error.roleNotInRelationship';
  if (/container|group/i.test(text) || err.details.status === 404) return 'access.error.groupGone';
  return 'access.error.refused';
}
