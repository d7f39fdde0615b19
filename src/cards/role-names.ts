import { GDAP_ROLES } from '../graph/gdap-roles';
import { t, type Strings } from './i18n';

/** Short role names for facts and messages; unknown ids (made outside the bot) read as "other role". */
export function roleNames(ids: readonly string[], s: Strings): string {
  return ids
    .map((id) => GDAP_ROLES.find((r) => r.id === id.toLowerCase()))
    .map((r) => t(s, r ? `gdap.roleName.${r.key}` : 'gdap.roleName.other'))
    .join(', ');
}
