import type { NormalizedCorsPolicy } from '../normalize';
import { nonEmpty, targetMethods } from './lists';

/** What an API Gateway HTTP API holds in its `CorsConfiguration` for the policy. */
export interface HttpApiCorsConfig {
  readonly allowOrigins: string[];
  readonly allowMethods: string[];
  /** Lowercase: the service stores header names lowercase, so rendering them so avoids drift. */
  readonly allowHeaders?: string[];
  readonly exposeHeaders?: string[];
  readonly allowCredentials: boolean;
  readonly maxAgeSeconds?: number;
}

/** Renders the policy for an HTTP API. API Gateway answers preflights itself and adds the headers to every response. */
export function renderHttpApiCors(policy: NormalizedCorsPolicy): HttpApiCorsConfig {
  return {
    allowOrigins: [...policy.allowOrigins],
    allowMethods: targetMethods(policy, 'http-api'),
    ...nonEmpty('allowHeaders', policy.allowHeaders),
    ...nonEmpty('exposeHeaders', policy.exposeHeaders),
    allowCredentials: policy.allowCredentials,
    ...(policy.maxAgeSeconds !== undefined ? { maxAgeSeconds: policy.maxAgeSeconds } : {}),
  };
}
