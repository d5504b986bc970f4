/**
 * Everything the core defines that the front ends of this package (lib/cdk, lib/cdktf and its generated
 * lib/cdktn, lib/testing, lib/cli) share: the public API of `cors-constructs` (./index) plus the adapter
 * plumbing (situational facts and rules, the policy lifecycle, conflict diagnostics, resource names, REST
 * header maps, gateway-response merging). Not a package entry point: `package.json` exports only the
 * folders' index files, so users never reach this module, and its names can change in any release.
 * Imported by relative path (`../core/internal`).
 */
export * from './index';
export { isUnresolvedToken } from './token';
export { readPropsOnce } from './rules/input';
export { DiagnosticSink } from './rules/sink';
export { canonicalJson, configFingerprint, describeConfiguration, sameConfiguration, type CanonicalJsonOptions } from './fingerprint';
export { CorsPolicyLifecycle, diagnosticId, formatSynthMessage } from './lifecycle';
export { REGION_NAME_BUDGET, RESOURCE_NAME_MAX_LENGTH, regionalResourceName, sanitizeNamePart, truncateWithHash, type RegionalResourceNameParts } from './resource-name';
export { restApiOriginListToken, targetCorsConflict } from './rules/behaviour';
export type { BoundFunctionUrlFact, CloudFrontBehaviorFact, HttpRouteFact, ProxyIntegrationFact } from './facts';
export * from './situational';
export { CLOUDFRONT_PLACEHOLDER_HEADER } from './targets/cloudfront';
export {
  METHOD_RESPONSE_HEADER_PREFIX,
  REST_API_MOCK_REQUEST_TEMPLATE,
  apiGatewayHeaderLiterals,
  apiGatewayLiteral,
  restApiPreflightParameters,
  velocityLiteral,
  type RestApiPreflightParameters,
} from './targets/rest-api';
export { targetMethods, toServiceCorsBlockConfig, type ServiceCorsBlockConfig } from './targets/lists';
export { httpRouteCatchesPreflight, needsPreflight } from './preflight';
export { serviceModel } from './simulate/simulate';
export { corsUnsafeRequestHeaderNames, isSafelistedRequestHeader, readScriptHeaders, type ScriptHeader } from './simulate/request-headers';
export { readRestApiTemplate, type TemplateCondition, type TemplateEcho, type TemplateReading } from './simulate/rest-api-template';
export { CLOUDFRONT_ALL_METHODS } from './simulate/cloudfront';
export type { ServiceModel, ServiceRequest, ServiceResponse } from './simulate/types';
export { originFromRegex, locateDiagnostic } from './extract/policy';
export { selectExtracted, describeExtracted } from './extract/select';
export { isOpaqueValue } from './extract/opaque';
export * from './gateway-responses';
