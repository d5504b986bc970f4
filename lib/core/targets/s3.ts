import type { NormalizedCorsPolicy } from '../normalize';
import { nonEmpty, targetMethods } from './lists';

/**
 * One S3 CORS rule for the policy. S3 has no credentials setting: it sends
 * `Access-Control-Allow-Credentials: true` whenever the matched origin is not `*`
 * (S3 API Reference, "Common response headers").
 */
export interface S3CorsRuleConfig {
  /** Origins; each may hold one `*` (S3 matches it across dots). */
  readonly allowedOrigins: string[];
  /** GET, PUT, HEAD, POST, DELETE only; a `*` policy lists all five. */
  readonly allowedMethods: string[];
  /** S3 answers `*` with the requested header names, so `*` works with credentials. */
  readonly allowedHeaders?: string[];
  /** Response headers scripts may read; omitted when empty. */
  readonly exposedHeaders?: string[];
  /** Preflight cache lifetime in seconds; omitted when the policy sets none. */
  readonly maxAgeSeconds?: number;
}

/** Renders the policy as a single S3 CORS rule (S3 uses the first matching rule; one rule keeps that trivial). */
export function renderS3CorsRule(policy: NormalizedCorsPolicy): S3CorsRuleConfig {
  return {
    allowedOrigins: [...policy.allowOrigins],
    allowedMethods: targetMethods(policy, 's3'),
    ...nonEmpty('allowedHeaders', policy.allowHeaders),
    ...nonEmpty('exposedHeaders', policy.exposeHeaders),
    ...(policy.maxAgeSeconds !== undefined ? { maxAgeSeconds: policy.maxAgeSeconds } : {}),
  };
}
