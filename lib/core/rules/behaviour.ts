import type { CorsDiagnostic } from '../diagnostic';
import { diagnostic } from './sink';

/**
 * Findings that depend on the surrounding infrastructure rather than on the policy alone.
 * Adapters detect the situation (they can see the construct tree) and report these messages,
 * so the wording lives here, once, for both frameworks.
 */

/** A CloudFront behavior using the policy does not allow OPTIONS while the policy needs preflights. */
export function preflightNotForwarded(behavior: string): CorsDiagnostic {
  return diagnostic('preflight-not-forwarded', 'policy', `${behavior} uses this policy's response headers policy but does not allow OPTIONS, while the policy needs preflights (non-simple methods or headers). CloudFront only adds headers: allow OPTIONS on the behavior (e.g. AllowedMethods.ALLOW_GET_HEAD_OPTIONS or ALLOW_ALL) and make the origin answer OPTIONS with 2xx (an S3 origin needs its own bucket CORS and the Origin and Access-Control-Request-* headers forwarded).`, { target: 'cloudfront', value: behavior });
}

/** REST API methods with Lambda proxy integrations whose functions are not bound to the runtime helper. */
export function proxyResponsesUncovered(methods: readonly string[]): CorsDiagnostic {
  const listed = methods.slice(0, 5).join(', ') + (methods.length > 5 ? `, and ${methods.length - 5} more` : '');
  return diagnostic('proxy-responses-uncovered', 'policy', `Lambda proxy responses get no CORS headers from API Gateway (${listed}), so browsers block them even though preflights pass. Bind the runtime helper with cors.bindToFunction(fn) and wrap the handler with withCors, or add the headers in the function.`, { target: 'rest-api', value: methods.join(',') });
}

/** An HTTP API route that catches preflights behind an authorizer. */
export function preflightNeedsOptionsRoute(routeKey: string): CorsDiagnostic {
  return diagnostic('preflight-needs-options-route', 'policy', `Route ${routeKey} has an authorizer and matches OPTIONS, so it catches preflights, which carry no credentials, and answers 401 instead of the CORS preflight. Add an unauthenticated 'OPTIONS /{proxy+}' route (cdk-nag's APIG4 does not exempt HTTP API routes).`, { target: 'http-api', value: routeKey });
}

/** The runtime helper bound to a function whose URL already has CORS. */
export function duplicateCorsHeaders(functionName: string): CorsDiagnostic {
  return diagnostic('duplicate-cors-headers', 'policy', `${functionName} has CORS on its function URL and the runtime helper bound too: browsers then see Access-Control-Allow-Origin twice and reject the response. Keep one: the function URL's CORS, or the runtime helper.`, { target: 'function-url', value: functionName });
}

/** A resource that already holds another CORS configuration. */
export function targetCorsConflict(resource: string, target: CorsDiagnostic['target'], existing: string): CorsDiagnostic {
  return diagnostic('target-cors-conflict', 'policy', `${resource} already has a CORS configuration (${existing}) that differs from this policy; applying both would silently overwrite or merge one. Remove the existing configuration and let the policy own CORS for this resource.`, { ...(target !== undefined ? { target } : {}), value: resource });
}

/**
 * A REST API whose policy lists its origins as one deploy-time list: the preflight template compares
 * each origin and the gateway responses carry one, so they must be known one by one at synth time.
 * `listParameter` and `selectExample` name the framework's list input and element selector.
 */
export function restApiOriginListToken(api: string, listParameter: string, selectExample: string): CorsDiagnostic {
  return diagnostic('unresolved-token', 'allowOrigins', `allowOrigins holds a deploy-time list (e.g. ${listParameter}), which the REST API ${api} cannot use: its preflight template compares each origin and its gateway responses carry one, so the origins must be known one by one at synth time. Pass them as separate string tokens (${selectExample}, …) or literal strings.`, { target: 'rest-api', severity: 'error' });
}
