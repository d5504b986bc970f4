import type { CorsDiagnostic } from '../diagnostic';
import type { HttpRouteFact } from '../facts';
import { httpRouteCatchesPreflight } from '../preflight';
import { diagnostic } from '../rules/sink';

/**
 * Whether a route has an authorizer. Compared upper-cased: API Gateway's authorizationType only accepts
 * `NONE`, `AWS_IAM`, `CUSTOM` and `JWT` (https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes.html),
 * so a lower-case `none` cannot deploy and must not read as an authorizer.
 */
function isAuthorized(route: HttpRouteFact): boolean {
  return route.authorizationType !== undefined && route.authorizationType.toUpperCase() !== 'NONE';
}

/**
 * `preflight-needs-options-route`: an authorized HTTP API route that matches OPTIONS catches preflights
 * (which carry no credentials) and answers 401, unless an open OPTIONS route takes precedence.
 */
export function preflightNeedsOptionsRoute(routes: readonly HttpRouteFact[]): CorsDiagnostic[] {
  const openOptions = routes.filter((r) => !isAuthorized(r) && r.routeKey.startsWith('OPTIONS ')).map((r) => r.routeKey);
  return routes
    .filter((r) => isAuthorized(r) && httpRouteCatchesPreflight(r.routeKey, openOptions))
    .map((r) => diagnostic('preflight-needs-options-route', 'policy', `Route ${r.routeKey} (${r.source}) has an authorizer and matches OPTIONS, so it catches preflights, which carry no credentials, and answers 401 instead of the CORS preflight. Add an unauthenticated 'OPTIONS /{proxy+}' route (cdk-nag's APIG4 does not exempt HTTP API routes).`, { target: 'http-api', value: r.routeKey }));
}
