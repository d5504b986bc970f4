import type { CorsDiagnostic } from '../diagnostic';
import type { CloudFrontBehaviorFact } from '../facts';
import type { NormalizedCorsPolicy } from '../normalize';
import { needsPreflight } from '../preflight';
import { diagnostic } from '../rules/sink';

/**
 * `preflight-not-forwarded`: a CloudFront behavior using the policy's response headers policy does not allow
 * OPTIONS while the policy needs preflights. CloudFront only adds headers, so the preflight must reach an origin.
 * The methods are compared upper-cased: CloudFront's AllowedMethods only accepts the upper-case names
 * (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_AllowedMethods.html), so `options` cannot
 * deploy and is no reason for this warning.
 */
export function preflightNotForwarded(policy: NormalizedCorsPolicy, behaviors: readonly CloudFrontBehaviorFact[]): CorsDiagnostic[] {
  if (!needsPreflight(policy)) return [];
  return behaviors
    .filter((b) => b.allowedMethods !== undefined && !b.allowedMethods.some((m) => m.toUpperCase() === 'OPTIONS'))
    .map((b) => diagnostic('preflight-not-forwarded', 'policy', `${b.label} uses this policy's response headers policy but does not allow OPTIONS, while the policy needs preflights (non-simple methods or headers). CloudFront only adds headers: allow OPTIONS on the behavior (e.g. AllowedMethods.ALLOW_GET_HEAD_OPTIONS or ALLOW_ALL) and make the origin answer OPTIONS with 2xx (an S3 origin needs its own bucket CORS and the Origin and Access-Control-Request-* headers forwarded).`, { target: 'cloudfront', value: b.label }));
}
