import type { CloudFrontCorsConfig } from '../targets/cloudfront';
import { findOriginEntry } from './origin-entries';
import type { CloudFrontSimulationConfig, ResponseHeaders, ServiceModel, ServiceRequest, ServiceResponse } from './types';

/** The methods CloudFront's `ALL` stands for (CloudFront API reference, ResponseHeadersPolicyAccessControlAllowMethods). */
export const CLOUDFRONT_ALL_METHODS: readonly string[] = ['GET', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

/** What surrounds a response headers policy: the behavior and the origin behind it. */
export interface CloudFrontSurroundings {
  /** Whether the cache behavior allows OPTIONS (default true). */
  readonly optionsAllowed?: boolean;
  /** The status the origin answers a preflight with (default 200). */
  readonly originPreflightStatus?: number;
  /** CORS headers the origin itself sends. */
  readonly originHeaders?: ResponseHeaders;
}

/**
 * What CloudFront sends back through a response headers policy. Sources: CloudFront API reference,
 * ResponseHeadersPolicyCorsConfig (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ResponseHeadersPolicyCorsConfig.html):
 * "CloudFront adds these headers to HTTP responses that it sends for CORS requests"; OriginOverride
 * "determines whether CloudFront overrides HTTP response headers received from the origin with the ones
 * specified in this response headers policy". CloudFront does not answer preflights itself: the
 * behavior must allow OPTIONS (otherwise CloudFront answers 403) and the origin must answer it with a
 * 2xx (an S3 origin without bucket CORS answers 403) — CloudFront developer guide, "Understand response
 * headers policies" (CORS headers, https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/understanding-response-headers-policies.html).
 */
export function cloudFrontModel(config: CloudFrontSimulationConfig | CloudFrontCorsConfig, surroundings: CloudFrontSurroundings = {}): ServiceModel {
  const methods = config.allowMethods.includes('ALL') ? CLOUDFRONT_ALL_METHODS : config.allowMethods;
  const merge = (policyHeaders: Record<string, string>, notes: string[]): Record<string, string> => {
    const origin = surroundings.originHeaders ?? {};
    if (Object.keys(origin).length === 0) return policyHeaders;
    const merged: Record<string, string> = {};
    const lowerPolicy = new Map(Object.keys(policyHeaders).map((k) => [k.toLowerCase(), k]));
    if (config.originOverride) {
      for (const [name, value] of Object.entries(origin)) if (!lowerPolicy.has(name.toLowerCase())) merged[name] = value;
      notes.push('CloudFront: OriginOverride is true, so the policy\'s CORS headers replace the origin\'s');
      return { ...merged, ...policyHeaders };
    }
    const lowerOrigin = new Set(Object.keys(origin).map((k) => k.toLowerCase()));
    for (const [name, value] of Object.entries(policyHeaders)) if (!lowerOrigin.has(name.toLowerCase())) merged[name] = value;
    notes.push('CloudFront: OriginOverride is false, so the origin\'s CORS headers win where it sends them');
    return { ...origin, ...merged };
  };
  const policyHeaders = (request: ServiceRequest): { headers: Record<string, string>; note: string } | undefined => {
    const found = findOriginEntry(config.allowOrigins, request.origin);
    if (!found) return undefined;
    const headers: Record<string, string> = {};
    headers['Access-Control-Allow-Origin'] = found.entry === '*' ? '*' : request.origin;
    if (config.allowCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
    return { headers, note: `AccessControlAllowOrigins entry ${found.entry} matches` };
  };
  const preflight = (request: ServiceRequest): ServiceResponse => {
    if (surroundings.optionsAllowed === false) {
      return { status: 403, headers: {}, notes: ['CloudFront: the cache behavior does not allow OPTIONS, so CloudFront answers the preflight 403 (preflight-not-forwarded)'] };
    }
    const status = surroundings.originPreflightStatus ?? 200;
    const notes = [`CloudFront: forwards the preflight to the origin, which answers ${status}${surroundings.originPreflightStatus === undefined ? ' (assumed: pass originPreflightStatus to model another origin)' : ''}`];
    const cors = policyHeaders(request);
    if (!cors) {
      notes.push(`CloudFront: AccessControlAllowOrigins (${config.allowOrigins.join(', ')}) does not match ${request.origin}, so the policy adds no CORS headers`);
      return { status, headers: { ...(surroundings.originHeaders ?? {}) }, notes };
    }
    const headers = cors.headers;
    headers['Access-Control-Allow-Methods'] = methods.join(', ');
    if (config.allowHeaders.length > 0) headers['Access-Control-Allow-Headers'] = config.allowHeaders.join(', ');
    if (config.maxAgeSeconds !== undefined) headers['Access-Control-Max-Age'] = String(config.maxAgeSeconds);
    notes.push(`CloudFront: the response headers policy adds the CORS headers (${cors.note})`);
    return { status, headers: merge(headers, notes), notes };
  };
  const actual = (request: ServiceRequest): ServiceResponse => {
    const cors = policyHeaders(request);
    const notes: string[] = [];
    if (!cors) {
      notes.push(`CloudFront: AccessControlAllowOrigins (${config.allowOrigins.join(', ')}) does not match ${request.origin}, so the policy adds no CORS headers`);
      return { status: 200, headers: { ...(surroundings.originHeaders ?? {}) }, notes };
    }
    const headers = cors.headers;
    if (config.exposeHeaders && config.exposeHeaders.length > 0) headers['Access-Control-Expose-Headers'] = config.exposeHeaders.join(', ');
    notes.push(`CloudFront: the response headers policy adds the CORS headers (${cors.note})`);
    return { status: 200, headers: merge(headers, notes), notes };
  };
  return { preflight, actual };
}
