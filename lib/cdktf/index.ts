/**
 * cors-constructs/cdktf: the CorsPolicy construct for CDK for Terraform (`cdktf` 0.21 and
 * `@cdktf/provider-aws` 21). Provider resources are deep-imported (`@cdktf/provider-aws/lib/<resource>`),
 * so importing this entry never loads the provider's root index.
 *
 * cors-constructs/cdktn, the same construct for CDK Terrain (`cdktn` 0.24 and `@cdktn/provider-aws` 25), is
 * generated from this folder at build time (scripts/generate-cdktn.js) by renaming those two packages in module
 * specifiers: the names `cdktf` and `@cdktf/provider-aws` in these comments read as `cdktn` and
 * `@cdktn/provider-aws` there.
 * @packageDocumentation
 */
export { CorsPolicy, DIAGNOSTIC_PREFIX } from './cors-policy';
export { RestApiCors, type RestApiCorsOptions, type RestApiPreflight } from './targets/rest-api';
export type { BucketCorsRule } from './targets/s3';
export type { HttpApiCorsConfiguration } from './targets/http-api';
export type { FunctionUrlCors } from './targets/function-url';
export type { ResponseHeadersPolicyCorsConfig, ResponseHeadersPolicyItems } from './targets/cloudfront';
export type { RestApiPreflightResources } from './targets/rest-api';
export type { CorsPolicyProps, CorsDiagnostic, CorsTarget } from '../core';
