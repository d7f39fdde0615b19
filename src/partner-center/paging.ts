import { AppError } from '../core/errors';
import type { Collection, Link } from './types';

export interface PageRequest {
  pathAndQuery: string;
  headers: Record<string, string>;
}

/**
 * The request for the page after `page`, or `undefined` on the last page.
 *
 * Partner Center pages customers with `seekOperation=Next` plus the `MS-ContinuationToken`
 * header, handed out in `links.next` (reference §8). We send the link's headers, not just its uri.
 * Only the path and query of the link are used and always against our `baseUrl`, so a link can
 * never send the bearer token to another host. Links may be relative to `/v1` (`/customers?…`)
 * or absolute; both resolve to `/v1/…`. A bare `continuationToken` (no link) falls back to
 * `fallbackPath` with the token as header.
 *
 * @example
 * nextPage(collection, 'https://api.partnercenter.microsoft.com', '/v1/customers?seekOperation=Next');
 * // { pathAndQuery: '/v1/customers?seekOperation=Next', headers: { 'MS-ContinuationToken': '…' } }
 */
export function nextPage(
  page: Collection<unknown>,
  baseUrl: string,
  fallbackPath: string,
): PageRequest | undefined {
  const next = page.links?.next;
  if (next?.uri) return { pathAndQuery: resolveLinkUri(next.uri, baseUrl), headers: linkHeaders(next) };
  if (page.continuationToken) {
    return { pathAndQuery: fallbackPath, headers: { 'MS-ContinuationToken': page.continuationToken } };
  }
  return undefined;
}

/**
 * Path and query of a link, relative to the API root.
 *
 * @example
 * resolveLinkUri('/customers?size=10&seekOperation=Next', 'https://api.partnercenter.microsoft.com');
 * // '/v1/customers?size=10&seekOperation=Next'
 */
function resolveLinkUri(uri: string, baseUrl: string): string {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const parsed = new URL(uri, 'http://link.invalid/');
  let path = parsed.pathname;
  // The sandbox may live under a path prefix; strip it so baseUrl + path does not repeat it.
  if (basePath !== '' && path.startsWith(basePath + '/')) path = path.slice(basePath.length);
  if (!path.startsWith('/v1/')) path = '/v1' + path;
  return path + parsed.search;
}

function linkHeaders(link: Link): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of link.headers ?? []) {
    if (typeof h?.key === 'string' && typeof h.value === 'string') headers[h.key] = h.value;
  }
  return headers;
}

/** Checks the part of a collection we rely on, so a surprise shape fails loudly rather than as "no items". */
export function asCollection<T>(body: unknown, what: string): Collection<T> {
  if (typeof body === 'object' && body !== null && Array.isArray((body as Collection<T>).items)) {
    return body as Collection<T>;
  }
  throw unexpectedShape(what);
}

export function unexpectedShape(what: string): AppError {
  return new AppError(
    'INTERNAL',
    `Partner Center answered ${what} in a shape MCA Assist does not understand. Report this with the time of the call.`,
  );
}
