import { GDAP_ROLES, type GdapRoleKey } from '../graph/gdap-roles';
import { t, type LocaleKey, type Strings } from './i18n';

const ROLE_NAME: Record<GdapRoleKey, LocaleKey> = {
  helpdesk: 'gdap.roleName.helpdesk',
  user: 'gdap.roleName.user',
  license: 'gdap.roleName.license',
  serviceSupport: 'gdap.roleName.serviceSupport',
  globalAdmin: 'gdap.roleName.globalAdmin',
};

/** Short role names for facts and messages; unknown ids (made outside the bot) read as "other role". */
export function roleNames(ids: readonly string[], s: Strings): string {
  return ids
    .map((id) => GDAP_ROLES.find((r) => r.id === id.toLowerCase()))
    .map((r) => t(s, r ? ROLE_NAME[r.key] : 'gdap.roleName.other'))
    .join(', ');
}
