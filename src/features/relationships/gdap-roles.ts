import { AppError } from '../../core/errors';
import type { Strings } from '../../cards/i18n';
import { t, type LocaleKey } from '../../cards/i18n';
import { GDAP_ROLES, GLOBAL_ADMINISTRATOR_ID } from '../../graph/gdap-roles';

export { GDAP_ROLES, GLOBAL_ADMINISTRATOR_ID, type GdapRoleKey } from '../../graph/gdap-roles';
export { roleNames } from '../../cards/role-names';

const MAX_GDAP_DAYS = 730;
export const DEFAULT_GDAP_DAYS = 365;

export interface GdapRequestInput {
  roleIds: string[];
  durationDays: number;
  autoExtend: boolean;
  displayName: string;
}

/** The form's values as the card sends them back (strings), kept to re-show the form after an error. */
export interface GdapFormValues {
  roles: string;
  durationDays: string;
  autoExtend: string;
  confirmGlobalAdmin: string;
  displayName: string;
}

export function formValues(data: Record<string, unknown>): GdapFormValues {
  const text = (v: unknown) =>
    typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  return {
    roles: text(data.roles),
    durationDays: text(data.durationDays),
    autoExtend: text(data.autoExtend),
    confirmGlobalAdmin: text(data.confirmGlobalAdmin),
    displayName: text(data.displayName),
  };
}

function invalid(s: Strings, key: LocaleKey, field: string): AppError {
  return new AppError('INPUT_INVALID', t(s, key), { details: { field } });
}

/**
 * Validates the GDAP form: preset roles only, Global Administrator only when confirmed and never
 * with auto-extend, 1–730 days, a 1–50 character name. Throws INPUT_INVALID naming the field.
 *
 * @example
 * parseGdapForm({ roles: 'helpdesk,license', durationDays: '365', autoExtend: 'false', displayName: 'Contoso helpdesk' }, s)
 */
export function parseGdapForm(values: GdapFormValues, s: Strings): GdapRequestInput {
  const keys = values.roles
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.length === 0) throw invalid(s, 'gdap.error.noRoles', 'roles');
  const roles = keys.map((k) => GDAP_ROLES.find((r) => r.key === k));
  if (roles.some((r) => r === undefined)) throw invalid(s, 'gdap.error.unknownRole', 'roles');
  const roleIds = [...new Set(roles.map((r) => r!.id))];
  const autoExtend = values.autoExtend === 'true';
  if (roleIds.includes(GLOBAL_ADMINISTRATOR_ID)) {
    if (values.confirmGlobalAdmin !== 'true')
      throw invalid(s, 'gdap.error.confirmGlobalAdmin', 'confirmGlobalAdmin');
    if (autoExtend) throw invalid(s, 'gdap.error.autoExtendGlobalAdmin', 'autoExtend');
  }
  const durationDays = Number(values.durationDays.trim());
  if (!Number.isInteger(durationDays) || durationDays < 1 || durationDays > MAX_GDAP_DAYS) {
    throw invalid(s, 'gdap.error.duration', 'durationDays');
  }
  const displayName = values.displayName.replace(/[\u0000-\u001F\u007F]/g, '').trim();
  if (displayName.length < 1 || displayName.length > 50)
    throw invalid(s, 'gdap.error.displayName', 'displayName');
  return { roleIds, durationDays, autoExtend, displayName };
}

/** Role keys for ids (to pre-fill the form when renewing). */
export function roleKeys(ids: readonly string[]): string {
  return GDAP_ROLES.filter((r) => ids.includes(r.id))
    .map((r) => r.key)
    .join(',');
}
