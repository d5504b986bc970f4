/**
 * cors-constructs for aws-cdk-lib: one {@link CorsPolicy} construct applied to API Gateway REST and
 * HTTP APIs, Lambda function URLs, S3 buckets and CloudFront response headers policies, and
 * {@link CorsChecks}, a validation plugin that checks the CORS of every resource of any app.
 * @packageDocumentation
 */
export { CorsPolicy, WARNING_ID_PREFIX, type CdkCorsPolicyProps } from './cors-policy';
export { REST_GATEWAY_RESPONSE_ID_PREFIX, REST_PREFLIGHT_ID, type ApplyToRestApiOptions } from './targets/rest-api';
export { RESPONSE_HEADERS_POLICY_ID, responseHeadersPolicyName } from './targets/cloudfront';
export { CorsChecks, type CorsChecksProps, type CorsChecksRules } from './cors-checks';
