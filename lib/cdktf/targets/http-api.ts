import type { HttpApiCorsConfig } from '../../core';
import type { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';

/**
 * The `cors_configuration` block of an `aws_apigatewayv2_api`, in the provider's property names.
 * Structurally assignable to `Apigatewayv2ApiCorsConfiguration` of `@cdktf/provider-aws`.
 */
export interface HttpApiCorsConfiguration {
  allowOrigins?: string[];
  allowMethods?: string[];
  allowHeaders?: string[];
  exposeHeaders?: string[];
  allowCredentials?: boolean;
  maxAge?: number;
}

/** Maps the core's neutral HTTP API configuration onto the provider's `cors_configuration` shape. */
export function toHttpApiCorsConfiguration(config: HttpApiCorsConfig): HttpApiCorsConfiguration {
  return {
    allowOrigins: [...config.allowOrigins],
    allowMethods: [...config.allowMethods],
    ...(config.allowHeaders ? { allowHeaders: [...config.allowHeaders] } : {}),
    ...(config.exposeHeaders ? { exposeHeaders: [...config.exposeHeaders] } : {}),
    allowCredentials: config.allowCredentials,
    ...(config.maxAgeSeconds !== undefined ? { maxAge: config.maxAgeSeconds } : {}),
  };
}

/** The `cors_configuration` the API holds now, if any. */
export function currentHttpApiCors(api: Apigatewayv2Api): unknown {
  return api.corsConfigurationInput;
}

/** Sets the API's `cors_configuration`. */
export function setHttpApiCors(api: Apigatewayv2Api, configuration: HttpApiCorsConfiguration): void {
  api.putCorsConfiguration(configuration);
}
