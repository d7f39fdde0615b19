import type { TokenKind } from '../partner-center/types';
import type { Reply } from './reply';
import type { TokenKindSeen } from './types';
import type { SandboxWorld } from './world';

export interface RouteContext {
  url: URL;
  params: Record<string, string>;
  world: SandboxWorld;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body of a POST; undefined for GET. */
  body: unknown;
  /** The token kind of a /v1 request, for routes whose token rule depends on the body. */
  tokenKind?: TokenKindSeen;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  /** Path template with `{name}` parameters; `${method} ${template}` is the route key in stats. */
  template: string;
  /** Token kind required (reference §6); control routes ignore it. */
  auth: 'any' | TokenKind;
  /** Counts against the per-customer rate limit, keyed by the `{id}` parameter. */
  customerScoped?: boolean;
  handle: (ctx: RouteContext) => Reply | Promise<Reply>;
}

export interface CompiledRoute extends Route {
  key: string;
  pattern: RegExp;
}

export type RouteMatch =
  | { kind: 'found'; route: CompiledRoute; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[]; key: string }
  | { kind: 'not-found' };

export function compileRoutes(routes: Route[]): CompiledRoute[] {
  return routes.map((r) => {
    const source = r.template
      .split('/')
      .map((part) => (/^\{\w+\}$/.test(part) ? `(?<${part.slice(1, -1)}>[^/]+)` : escapeRegExp(part)))
      .join('/');
    // Paths match case-insensitively like ASP.NET routing; parameter values keep their case.
    return { ...r, key: `${r.method} ${r.template}`, pattern: new RegExp(`^${source}/?$`, 'i') };
  });
}

export function matchRoute(routes: CompiledRoute[], method: string, pathname: string): RouteMatch {
  const allow: string[] = [];
  let key = '';
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    if (route.method === method) {
      const params: Record<string, string> = {};
      for (const [name, value] of Object.entries(m.groups ?? {})) params[name] = safeDecode(value);
      return { kind: 'found', route, params };
    }
    allow.push(route.method);
    key ||= `${method} ${route.template}`;
  }
  return allow.length > 0 ? { kind: 'method-not-allowed', allow, key } : { kind: 'not-found' };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A malformed escape stays literal and simply matches no resource.
    return value;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
