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
