import type { CorsDiagnostic } from '../diagnostic';
import { diagnostic } from './sink';

/**
 * Findings about the target a policy is applied to that only the constructs can see (what they were asked to
 * apply over); the situational rules over gathered facts are in `../situational`.
 */

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
