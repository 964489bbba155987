/**
 * How API Gateway keys its stage cache and treats `Cache-Control: max-age=0` (per-key invalidation).
 *
 * - The cache key is the method, the resource and the values of the integration's declared cacheKeyParameters
 *   (`method.request.path.<p>`, `method.request.querystring.<q>`, `method.request.header.<h>`). Query strings and
 *   headers that are not declared are not part of the key, so `/data?x=1` and `/data` share an entry.
 * - A client invalidates its entry with `Cache-Control: max-age=0`. When the method's
 *   `requireAuthorizationForCacheControl` is on, only a caller authorized for `execute-api:InvalidateCache` may; an
 *   unauthorized caller gets `unauthorizedCacheControlHeaderStrategy`: FAIL_WITH_403 (refused),
 *   SUCCEED_WITH_RESPONSE_HEADER (header ignored, a warning header added) or SUCCEED_WITHOUT_RESPONSE_HEADER (header
 *   ignored silently).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiRoute } from '../demo-api';
import type { MethodSettingRecord } from '../state';

/** Values of a route template's path parameters in `path`: "/pets/{id}" + "/pets/7" → { id: "7" }. */
export function pathParameters(route: ApiRoute, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  const template = route.path.split('/').slice(1);
  const parts = path.split('/').slice(1);
  template.forEach((segment, i) => {
    const match = /^\{(.+?)\+?\}$/.exec(segment);
    if (match?.[1]) out[match[1]] = decodeURIComponent(parts[i] ?? '');
  });
  return out;
}

/** The stage cache key of a request: method, resource template and the declared cache key parameters' values. */
export function stageCacheKey(route: ApiRoute, method: string, path: string, search: string, headers: IncomingHttpHeaders): string {
  const params = route.cacheKeyParameters ?? [];
  const parts: string[] = [method, route.path];
  if (params.length === 0) return parts.join(' ');
  const query = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const pathValues = pathParameters(route, path);
  for (const param of [...params].sort()) {
    const match = /^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/.exec(param);
    if (!match?.[1] || !match[2]) continue;
    const [, where, name] = match;
    let value: string | undefined;
    if (where === 'path') value = pathValues[name];
    else if (where === 'querystring') value = query.get(name) ?? undefined;
    else if (where === 'multivaluequerystring') value = query.has(name) ? query.getAll(name).join(',') : undefined;
    else {
      const header = headers[name.toLowerCase()];
      value = Array.isArray(header) ? header.join(',') : header;
    }
    parts.push(`${param}=${value === undefined ? '\u0000' : JSON.stringify(value)}`);
  }
  return parts.join(' ');
}

/** `Cache-Control` asks for a fresh answer (`max-age=0`). */
export function wantsInvalidation(headers: IncomingHttpHeaders): boolean {
  const value = headers['cache-control'];
  return typeof value === 'string' && /(^|[,\s])max-age\s*=\s*0+(?![0-9])/i.test(value);
}

/**
 * Whether the caller is authorized to invalidate (execute-api:InvalidateCache). Local AWS evaluates no IAM policies:
 * a request signed with SigV4 (an `Authorization: AWS4-HMAC-SHA256 …` header) counts as authorized, anything else
 * (an API key alone, an unsigned call) does not.
 */
export function authorizedForInvalidation(headers: IncomingHttpHeaders): boolean {
  const value = headers.authorization;
  return typeof value === 'string' && /^AWS4-HMAC-SHA256\s+Credential=/.test(value);
}

export type CacheControlDecision =
  | { kind: 'none' }
  | { kind: 'invalidate' }
  | { kind: 'deny' }
  | { kind: 'ignore'; warningHeader: boolean };

/** What to do with a request's `Cache-Control` for a cached method. */
export function cacheControlDecision(headers: IncomingHttpHeaders, setting: MethodSettingRecord): CacheControlDecision {
  if (!wantsInvalidation(headers)) return { kind: 'none' };
  if (!setting.requireAuthorizationForCacheControl || authorizedForInvalidation(headers)) return { kind: 'invalidate' };
  switch (setting.unauthorizedCacheControlHeaderStrategy) {
    case 'FAIL_WITH_403':
      return { kind: 'deny' };
    case 'SUCCEED_WITHOUT_RESPONSE_HEADER':
      return { kind: 'ignore', warningHeader: false };
    default:
      return { kind: 'ignore', warningHeader: true };
  }
}

/** The warning added under SUCCEED_WITH_RESPONSE_HEADER (the exact wording AWS uses is not documented). */
export const UNAUTHORIZED_CACHE_CONTROL_WARNING = '199 - "Cache-Control ignored: the caller is not authorized to invalidate the cache"';
