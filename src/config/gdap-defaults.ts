import { GUID } from '../core/ids';
import { str, type Env, type Problems } from './parse';

/** Role keys `GDAP_DEFAULT_ASSIGNMENTS` accepts besides role template ids (src/features/relationships/gdap-roles.ts). */
const ROLE_KEYS: Readonly<Record<string, string>> = {
  helpdesk: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  user: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  license: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  servicesupport: 'f023fd81-a637-4b56-95fd-791ac0226033',
  globaladmin: '62e90394-69f5-4237-9190-012177145e10',
};

/**
 * GDAP_DEFAULT_ASSIGNMENTS: which partner security group gets which GDAP role by default,
 * "helpdesk=<group id>,license=<group id>" (keys: helpdesk, user, license, serviceSupport,
 * globalAdmin, or a role template id). Returns role template id → group id.
 */
export function parseDefaultAssignments(env: Env, p: Problems): Record<string, string> {
  const raw = str(env, 'GDAP_DEFAULT_ASSIGNMENTS');
  const out: Record<string, string> = {};
  for (const pair of (raw ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const [key = '', group = ''] = pair.split('=').map((x) => x.trim());
    const role = GUID.test(key) ? key.toLowerCase() : ROLE_KEYS[key.toLowerCase()];
    if (!role || !GUID.test(group)) {
      p.add(
        'GDAP_DEFAULT_ASSIGNMENTS',
        `must be "<role>=<security group id>" pairs separated by commas (roles: helpdesk, user, license, serviceSupport, globalAdmin or a role template id); "${pair.slice(0, 80)}" is not.`,
      );
      continue;
    }
    out[role] = group.toLowerCase();
  }
  return out;
}
