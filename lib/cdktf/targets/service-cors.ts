import type { ServiceCorsFields } from '../../core';

/**
 * The CORS block `aws_apigatewayv2_api.cors_configuration` and `aws_lambda_function_url.cors` share,
 * in the provider's property names (`maxAge` in seconds). Structurally assignable to
 * `Apigatewayv2ApiCorsConfiguration` and `LambdaFunctionUrlCors` of `@cdktf/provider-aws` and `@cdktn/provider-aws`.
 */
export interface ServiceCorsBlock {
  /** Origins, `*`, or (HTTP API only) `https://*` / `http://*`. */
  allowOrigins?: string[];
  /** Methods, or `*`. */
  allowMethods?: string[];
  /** Lowercase request header names, or `*`; absent when the policy allows none. */
  allowHeaders?: string[];
  /** Lowercase response header names; absent when the policy exposes none. */
  exposeHeaders?: string[];
  /** Whether credentials are allowed. */
  allowCredentials?: boolean;
  /** Preflight cache lifetime in seconds; absent when the policy sets none. */
  maxAge?: number;
}

/** Maps the core's rendered HTTP API or function URL fields onto the provider's block. */
export function toServiceCorsBlock(config: ServiceCorsFields): ServiceCorsBlock {
  return {
    allowOrigins: [...config.allowOrigins],
    allowMethods: [...config.allowMethods],
    ...(config.allowHeaders ? { allowHeaders: [...config.allowHeaders] } : {}),
    ...(config.exposeHeaders ? { exposeHeaders: [...config.exposeHeaders] } : {}),
    allowCredentials: config.allowCredentials,
    ...(config.maxAgeSeconds !== undefined ? { maxAge: config.maxAgeSeconds } : {}),
  };
}
