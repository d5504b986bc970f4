import type { ServiceCorsBlock } from './service-cors';
import type { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';

/** The `cors_configuration` block of an `aws_apigatewayv2_api` (structurally assignable to `Apigatewayv2ApiCorsConfiguration`). */
export type HttpApiCorsConfiguration = ServiceCorsBlock;

/** The `cors_configuration` the API holds now, if any. */
export function currentHttpApiCors(api: Apigatewayv2Api): unknown {
  return api.corsConfigurationInput;
}

/** Sets the API's `cors_configuration`. */
export function setHttpApiCors(api: Apigatewayv2Api, configuration: HttpApiCorsConfiguration): void {
  api.putCorsConfiguration(configuration);
}
