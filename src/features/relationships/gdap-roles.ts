import { AppError } from '../../core/errors';
import type { Strings } from '../../cards/i18n';
import { t } from '../../cards/i18n';

/**
 * Least-privilege role presets for GDAP requests, with Entra role template ids
 * (learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference).
 * Global Administrator is offered last and only with an explicit confirmation.
 */
export const GDAP_ROLES = [
  { key: 'helpdesk', id: '729827e3-9c14-49f7-bb1b-9608f156bbb8' },
  { key: 'user', id: 'fe930be7-5e62-47db-91af-98c3a49a38b1' },
  { key: 'license', id: '4d6ac14f-3453-41d0-bef9-a3e0c569773a' },
  { key: 'serviceSupport', id: 'f023fd81-a637-4b56-95fd-791ac0226033' },
  { key: 'globalAdmin', id: '62e90394-69f5-4237-9190-012177145e10' },
] as const;

export type GdapRoleKey = (typeof GDAP_ROLES)[number]['key'];
export const GLOBAL_ADMINISTRATOR_ID = '62e90394-69f5-4237-9190-012177145e10';
export const MAX_GDAP_DAYS = 730;
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

/** Short role names for facts and messages; unknown ids (made outside the bot) read as "other role". */
export function roleNames(ids: readonly string[], s: Strings): string {
  return ids
    .map((id) => GDAP_ROLES.find((r) => r.id === id.toLowerCase()))
    .map((r) => t(s, r ? `gdap.roleName.${r.key}` : 'gdap.roleName.other'))
    .join(', ');
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

function invalid(s: Strings, key: string, field: string): AppError {
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
