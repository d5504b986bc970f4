/**
 * cors-constructs/cdktf: the CorsPolicy construct for CDK for Terraform (`cdktf` 0.21 and
 * `@cdktf/provider-aws` 21). Provider resources are deep-imported (`@cdktf/provider-aws/lib/<resource>`),
 * so importing this entry never loads the provider's root index.
 * @packageDocumentation
 */
export { CorsPolicy, DIAGNOSTIC_PREFIX, RestApiCors, type RestApiCorsOptions, type RestApiPreflight } from './cors-policy';
export type { BucketCorsRule } from './targets/s3';
export type { HttpApiCorsConfiguration } from './targets/http-api';
export type { FunctionUrlCors } from './targets/function-url';
export type { ResponseHeadersPolicyCorsConfig, ResponseHeadersPolicyItems } from './targets/cloudfront';
export type { RestApiPreflightResources } from './targets/rest-api';
export type { CorsPolicyProps, CorsDiagnostic, CorsTarget } from '../core';
