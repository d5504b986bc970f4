import { ANY_METHOD } from '../methods';
import type { NormalizedCorsPolicy } from '../normalize';
import { TARGET_CAPABILITIES } from './capabilities';
import type { CorsTarget } from '../props';

/** The policy's methods as a target can hold them: `*` kept, expanded or turned into the service keyword. */
export function targetMethods(policy: NormalizedCorsPolicy, target: CorsTarget): string[] {
  const caps = TARGET_CAPABILITIES[target];
  if (!policy.allowMethods.includes(ANY_METHOD)) return [...policy.allowMethods];
  switch (caps.methodWildcard) {
    case 'native': return [ANY_METHOD];
    case 'all': return ['ALL'];
    case 'expand': return [...(caps.methods ?? [])];
  }
}

/** `{ key: list }` when the list has items, `{}` otherwise: services with minItems 1 reject `[]`. */
export function nonEmpty<K extends string>(key: K, values: readonly string[]): Partial<Record<K, string[]>> {
  return values.length > 0 ? ({ [key]: [...values] } as Partial<Record<K, string[]>>) : {};
}

/**
 * The CORS configuration shape API Gateway HTTP APIs and Lambda function URLs share: the service
 * answers preflights itself from these fields; only the method set differs per target.
 */
export interface ServiceCorsFields {
  /** Canonical origins, `*`, or (HTTP API only) `https://*` / `http://*`. */
  readonly allowOrigins: string[];
  /** Methods, or `*`. */
  readonly allowMethods: string[];
  /** Lowercase (both services store header names lowercase, so rendering them so avoids drift); omitted when empty (minItems 1). */
  readonly allowHeaders?: string[];
  /** Lowercase; omitted when empty. */
  readonly exposeHeaders?: string[];
  /** Whether credentials are allowed. */
  readonly allowCredentials: boolean;
  /** Preflight cache lifetime in seconds; omitted when the policy sets none. */
  readonly maxAgeSeconds?: number;
}

/** Renders the fields of {@link ServiceCorsFields} for `http-api` or `function-url`, omitting empty lists. */
export function renderServiceCorsFields(policy: NormalizedCorsPolicy, target: 'http-api' | 'function-url'): ServiceCorsFields {
  return {
    allowOrigins: [...policy.allowOrigins],
    allowMethods: targetMethods(policy, target),
    ...nonEmpty('allowHeaders', policy.allowHeaders),
    ...nonEmpty('exposeHeaders', policy.exposeHeaders),
    allowCredentials: policy.allowCredentials,
    ...(policy.maxAgeSeconds !== undefined ? { maxAgeSeconds: policy.maxAgeSeconds } : {}),
  };
}

/**
 * The block both services take, `AWS::ApiGatewayV2::Api` `CorsConfiguration` / `AWS::Lambda::Url` `Cors`
 * and `aws_apigatewayv2_api.cors_configuration` / `aws_lambda_function_url.cors` alike: the rendered
 * fields with the max age as `maxAge` (seconds), lists only when non-empty.
 */
export interface ServiceCorsBlockConfig {
  /** Origins, `*`, or (HTTP API only) `https://*` / `http://*`. */
  allowOrigins: string[];
  /** Methods, or `*`. */
  allowMethods: string[];
  /** Lowercase request header names; absent when the policy allows none. */
  allowHeaders?: string[];
  /** Lowercase response header names; absent when the policy exposes none. */
  exposeHeaders?: string[];
  /** Whether credentials are allowed. */
  allowCredentials: boolean;
  /** Preflight cache lifetime in seconds; absent when the policy sets none. */
  maxAge?: number;
}

/** Maps the rendered HTTP API or function URL fields onto the services' block (fresh lists, the adapters may hand them on). */
export function toServiceCorsBlockConfig(config: ServiceCorsFields): ServiceCorsBlockConfig {
  return {
    allowOrigins: [...config.allowOrigins],
    allowMethods: [...config.allowMethods],
    ...(config.allowHeaders ? { allowHeaders: [...config.allowHeaders] } : {}),
    ...(config.exposeHeaders ? { exposeHeaders: [...config.exposeHeaders] } : {}),
    allowCredentials: config.allowCredentials,
    ...(config.maxAgeSeconds !== undefined ? { maxAge: config.maxAgeSeconds } : {}),
  };
}
