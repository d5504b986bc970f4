import type { NormalizedCorsPolicy } from '../normalize';
import { nonEmpty, targetMethods } from './lists';

/**
 * CloudFront requires at least one allowed header, but a policy may allow none. `accept` is a
 * CORS-safelisted request header that browsers send without a preflight, so listing it allows
 * nothing a script could not already do (except Accept values with unsafe bytes).
 */
export const CLOUDFRONT_PLACEHOLDER_HEADER = 'accept';

/** What a CloudFront response headers policy holds in its `CorsConfig` for the policy. */
export interface CloudFrontCorsConfig {
  /** Origins, `*`, or leftmost-label patterns (`https://*.example.org`). */
  readonly allowOrigins: string[];
  /** Methods, or `['ALL']` for a `*` policy. */
  readonly allowMethods: string[];
  /** At least one item (see {@link CLOUDFRONT_PLACEHOLDER_HEADER}). */
  readonly allowHeaders: string[];
  /** Omitted when empty. */
  readonly exposeHeaders?: string[];
  /** Whether credentials are allowed. */
  readonly allowCredentials: boolean;
  /** Preflight cache lifetime in seconds; omitted when the policy sets none. */
  readonly maxAgeSeconds?: number;
  /** CloudFront owns the CORS headers, so responses that echo one of several origins cannot be cached for another. */
  readonly originOverride: true;
}

/** Renders the policy for a CloudFront response headers policy. */
export function renderCloudFrontCors(policy: NormalizedCorsPolicy): CloudFrontCorsConfig {
  return {
    allowOrigins: [...policy.allowOrigins],
    allowMethods: targetMethods(policy, 'cloudfront'),
    allowHeaders: policy.allowHeaders.length > 0 ? [...policy.allowHeaders] : [CLOUDFRONT_PLACEHOLDER_HEADER],
    ...nonEmpty('exposeHeaders', policy.exposeHeaders),
    allowCredentials: policy.allowCredentials,
    ...(policy.maxAgeSeconds !== undefined ? { maxAgeSeconds: policy.maxAgeSeconds } : {}),
    originOverride: true,
  };
}
