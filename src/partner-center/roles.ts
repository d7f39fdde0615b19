import { AppError } from '../core/errors';
import type { PartnerCenterClient } from './client';
import { ENDPOINTS, expandPath, toQueryString } from './endpoints';
import type { PcHttp } from './http';
import { asCollection, nextPage, unexpectedShape, type PageRequest } from './paging';
import type { PartnerRole, PartnerRoleMember } from './types';

/** The documented maximum `size` of a usermembers page (reference §10). */
const MEMBER_PAGE_SIZE = 500;
/** 100 pages of 500: far beyond any partner's staff; stops a paging loop that never ends. */
const MAX_MEMBER_PAGES = 100;

type RoleQueries = Pick<PartnerCenterClient, 'listPartnerRoles' | 'listRoleMembers'>;

/**
 * The partner's Partner Center roles and their members, for gating write actions (reference §10).
 * Beyond `id`, `name`, `displayName` and `userPrincipalName` the response shapes are UNCONFIRMED.
 */
export function createRoleQueries(send: PcHttp, baseUrl: string): RoleQueries {
  return {
    async listPartnerRoles() {
      const body = await send<unknown>({ endpoint: ENDPOINTS.listPartnerRoles, pathAndQuery: '/v1/roles' });
      return asCollection<Partial<PartnerRole>>(body, 'the partner roles')
        .items.filter((r): r is PartnerRole => typeof r.id === 'string' && typeof r.name === 'string')
        .map((r) => ({ id: r.id, name: r.name }));
    },

    async listRoleMembers(roleId) {
      if (typeof roleId !== 'string' || roleId.trim() === '') {
        throw new AppError('INPUT_INVALID', 'A Partner Center role id is needed to list its members.');
      }
      const endpoint = ENDPOINTS.listRoleMembers;
      const path = expandPath(endpoint.path, { roleId });
      const size: [string, string] = ['size', String(MEMBER_PAGE_SIZE)];
      const fallback = path + toQueryString([size, ['seekOperation', 'Next']]);
      const members: PartnerRoleMember[] = [];
      const seen = new Set<string>();
      let request: PageRequest | undefined = { pathAndQuery: path + toQueryString([size]), headers: {} };
      for (let pages = 0; request; pages++) {
        if (pages >= MAX_MEMBER_PAGES) throw unexpectedShape('the role members (too many pages)');
        const body: unknown = await send<unknown>({ endpoint, ...request, logFields: { roleId } });
        const page = asCollection<Partial<PartnerRoleMember>>(body, 'the role members');
        for (const m of page.items)
          if (typeof m.id === 'string') members.push(member(m as PartnerRoleMember));
        request = page.items.length === 0 ? undefined : nextPage(page, baseUrl, fallback);
        const key = request?.headers['MS-ContinuationToken'] ?? request?.pathAndQuery;
        if (key !== undefined && seen.has(key)) throw unexpectedShape('the role members (a page repeated)');
        if (key !== undefined) seen.add(key);
      }
      return members;
    },
  };
}

function member(m: PartnerRoleMember): PartnerRoleMember {
  const out: PartnerRoleMember = { id: m.id };
  if (typeof m.displayName === 'string') out.displayName = m.displayName;
  if (typeof m.userPrincipalName === 'string') out.userPrincipalName = m.userPrincipalName;
  return out;
}
