const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCALE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** Query parameters that carry the customer's tenant in Microsoft 365 admin center links. */
const TENANT_PARAMS = ['ctid', 'tid', 'tenantid'];

/** Hosts whose links are unfurled (manifest `composeExtensions[0].messageHandlers`). */
export const LINK_DOMAINS = [
  'partner.microsoft.com',
  'admin.microsoft.com',
  'admin.cloud.microsoft',
] as const;

/**
 * `partner.microsoft.com[/<locale>]/dashboard/{v2|commerce2}/customers/<tenantId>/…` — the customer
 * pages of Partner Center (account, service management, admin relationships, subscriptions).
 * `customers/list`, `customers/granularadminaccess` and the like name no customer.
 */
function fromPartnerCenter(url: URL): string | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  const start = parts[0] && LOCALE.test(parts[0]) && parts[0].toLowerCase() !== 'dashboard' ? 1 : 0;
  const [dashboard, area, customers, id] = parts.slice(start, start + 4).map((p) => p.toLowerCase());
  if (dashboard !== 'dashboard' || (area !== 'v2' && area !== 'commerce2') || customers !== 'customers') {
    return undefined;
  }
  return id && GUID.test(id) ? id : undefined;
}

/**
 * Microsoft 365 admin center links that name a customer's tenant: the partner's "administer on
 * behalf of" link `admin.microsoft.com/Partner/BeginClientSession.aspx?CTID=<tenantId>&CSDEST=…`,
 * and admin center pages with `tid=` or `tenantId=` in the query or in the `#/…?` route.
 */
function fromAdminCenter(url: URL): string | undefined {
  const hashQuery = url.hash.includes('?') ? url.hash.slice(url.hash.indexOf('?') + 1) : '';
  for (const params of [url.searchParams, new URLSearchParams(hashQuery)]) {
    for (const [key, value] of params) {
      if (TENANT_PARAMS.includes(key.toLowerCase()) && GUID.test(value)) return value.toLowerCase();
    }
  }
  return undefined;
}

/**
 * The customer tenant id a pasted link points at, or undefined when the link is not one we unfurl.
 *
 * @example
 * tenantIdFromLink('https://partner.microsoft.com/en-us/dashboard/commerce2/customers/8fdcceb0-8c63-411f-a6f0-27304fb58973/account')
 * // '8fdcceb0-8c63-411f-a6f0-27304fb58973'
 */
export function tenantIdFromLink(raw: string): string | undefined {
  if (raw.length > 2048 || CONTROL.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase();
  if (host === 'partner.microsoft.com') return fromPartnerCenter(url);
  if (host === 'admin.microsoft.com' || host === 'admin.cloud.microsoft') return fromAdminCenter(url);
  return undefined;
}
