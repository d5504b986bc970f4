import { ANY_METHOD, SAFELISTED_METHODS } from './methods';
import type { NormalizedCorsPolicy } from './normalize';

/**
 * Whether browsers send preflights for requests this policy allows: a method other than the
 * CORS-safelisted GET, HEAD and POST (or `*`), or any request header listed in `allowHeaders`.
 * A target that only adds headers (CloudFront) must then let OPTIONS through to an origin that answers it.
 * OPTIONS itself does not count: listing it is a common habit (it is the preflight's own method), and a page
 * that sends a cross-origin `fetch(url, { method: 'OPTIONS' })` is not what such a policy is written for.
 */
export function needsPreflight(policy: NormalizedCorsPolicy): boolean {
  return policy.allowHeaders.length > 0 || policy.allowMethods.some((m) => m === ANY_METHOD || (m !== 'OPTIONS' && !SAFELISTED_METHODS.has(m)));
}

/**
 * Whether an API Gateway HTTP API route catches CORS preflights (`OPTIONS` requests): `$default`,
 * `ANY <path>` and `OPTIONS <path>` match them, unless an unauthenticated `OPTIONS` route for the same
 * path, or `OPTIONS /{proxy+}` for any path but `/`, takes precedence (the most specific route wins;
 * `$default` only gets requests no other route matches).
 * @param routeKey the route, e.g. `ANY /{proxy+}` or `$default`
 * @param openOptionsRoutes route keys of unauthenticated `OPTIONS` routes of the same API
 */
export function httpRouteCatchesPreflight(routeKey: string, openOptionsRoutes: readonly string[]): boolean {
  const proxyCovered = openOptionsRoutes.includes('OPTIONS /{proxy+}');
  if (routeKey === '$default') return !proxyCovered;
  const [method, path] = routeKey.split(' ', 2);
  if (path === undefined || (method !== 'ANY' && method !== 'OPTIONS')) return false;
  if (openOptionsRoutes.includes(`OPTIONS ${path}`)) return false;
  return !(proxyCovered && path !== '/');
}
