import { escapeMarkdown } from '../../cards/escape';
import { stringsFor, t, type LocaleKey } from '../../cards/i18n';
import { renderTemplate, type AdaptiveCard } from '../../cards/render';
import type { GdapRelationship } from '../../graph/gdap';
import type { SecurityGroup } from '../../graph/gdap-access';
import { roleNames } from '../../cards/role-names';

export const ROLE_INPUT = 'role-';

/** What the form shows besides Graph's data: the values entered and what is wrong with them. */
export interface AssignFormState {
  /** Role template id → group id. */
  values: Record<string, string>;
  /** Role template id → string key of the problem; `''` for the form as a whole. */
  errors: Record<string, LocaleKey>;
  /** Parameters of the error strings (a role that is not in the relationship). */
  params?: Record<string, string>;
}

/**
 * "Assign groups": for each role the customer approved, a searchable list of the partner tenant's
 * security groups (Teams filters a `filtered` choice set as you type), prefilled with the saved
 * choice; problems are explained next to the role they concern.
 */
export function renderAssignForm(
  r: GdapRelationship,
  groups: SecurityGroup[],
  state: AssignFormState,
  options: { locale: string; partnerName: string },
): AdaptiveCard {
  const s = stringsFor(options.locale);
  const p = {
    company: escapeMarkdown(r.customerName || r.customerTenantId),
    partner: escapeMarkdown(options.partnerName, 80),
    roles: roleNames(r.roleIds, s),
    ...state.params,
  };
  return renderTemplate('gdap-assign-form', options.locale, {
    title: t(s, 'access.form.title', p),
    intro: t(s, 'access.form.intro', p),
    error: state.errors[''] ? t(s, state.errors[''], p) : '',
    relationshipId: r.id,
    placeholder: t(s, 'access.form.placeholder'),
    rememberTitle: t(s, 'access.form.remember'),
    groups: groups.map((g) => ({ id: g.id, displayName: g.displayName.slice(0, 120) })),
    roles: r.roleIds.map((roleId) => ({
      inputId: `${ROLE_INPUT}${roleId}`,
      roleName: roleNames([roleId], s),
      value: state.values[roleId] ?? '',
      error: state.errors[roleId] ? t(s, state.errors[roleId], p) : '',
    })),
  });
}
