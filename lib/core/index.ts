/**
 * cors-constructs core: one CORS policy model, the validator, the per-target renderers, the simulator
 * and the extractors/audit of synthesized output. Pure TypeScript: imports neither aws-cdk-lib nor cdktf.
 *
 * This is the curated public API (issue 16); what the framework adapters share beyond it lives in a
 * module that is not a package entry point.
 * @packageDocumentation
 */

// The policy and its diagnostics
export { CORS_TARGETS, DEFAULT_ALLOW_METHODS, type CorsPolicyProps, type CorsTarget } from './props';
export { CorsPolicyError, formatDiagnostic, hasErrors, type CorsDiagnostic, type CorsField, type CorsSeverity } from './diagnostic';
export { RULE_CATALOGUE, RULE_IDS, type CorsRuleId } from './rules/catalogue';
export { DIAGNOSTIC_ID_PREFIX } from './lifecycle';
export { validateCorsPolicy, type LiteralWildcards, type ValidateCorsPolicyOptions } from './validate';
export { compileCorsPolicy, type CompiledCorsPolicy } from './compile';
export { normalizeCorsPolicy, normalizeCorsPolicyUnchecked, parsedOrigins, type NormalizedCorsPolicy } from './normalize';
export { RUNTIME_POLICY_ENV } from './runtime-contract';

// The grammar the validator applies
export {
  allowsEveryOrigin,
  isWildcardOrigin,
  originMatches,
  originPatternRegex,
  parseOrigin,
  type OriginKind,
  type OriginParseResult,
  type OriginProblem,
  type ParsedOrigin,
} from './origin';
export { isHttpToken } from './grammar';
export { normalizeMethod } from './methods';

// What each target holds: the capability matrix and the neutral per-target configurations
export { TARGET_CAPABILITIES, type TargetCapabilities } from './targets/capabilities';
export { renderCloudFrontCors, type CloudFrontCorsConfig } from './targets/cloudfront';
export { renderFunctionUrlCors, type FunctionUrlCorsConfig } from './targets/function-url';
export { renderHttpApiCors, type HttpApiCorsConfig } from './targets/http-api';
export {
  renderRestApiCors,
  type RestApiCorsConfig,
  type RestApiGatewayResponseConfig,
  type RestApiPreflightConfig,
  type RestApiRenderOptions,
} from './targets/rest-api';
export { renderS3CorsRule, type S3CorsRuleConfig } from './targets/s3';
export type { ServiceCorsFields } from './targets/lists';

// What browsers do with a configuration
export { simulateCors } from './simulate/simulate';
export { corsCheck, getHeader, preflightCheck, type CheckResult, type PreflightCheckRequest } from './simulate/fetch-check';
export {
  BROWSER_DEVIATIONS,
  CORS_BROWSERS,
  DEFAULT_CORS_BROWSER,
  hasDeviation,
  wildcardCoversAuthorization,
  type BrowserDeviation,
  type BrowserDeviationId,
  type CorsBrowser,
} from './simulate/browser-deviations';
export {
  DEFAULT_PREFLIGHT_MAX_AGE_SECONDS,
  PREFLIGHT_CACHE_CAP_SECONDS,
  preflightCacheSeconds,
  type PreflightCacheAnswer,
  type PreflightCacheRequest,
} from './simulate/preflight-cache';
export type {
  CloudFrontSimulationConfig,
  CorsRequest,
  CorsSimulation,
  PreflightOutcome,
  ResponseHeaders,
  RestApiGatewayResponseSimulationConfig,
  RestApiPreflightSimulationConfig,
  RestApiSimulationConfig,
  SimulateCorsOptions,
  SimulationConfigs,
} from './simulate/types';

// The CORS of synthesized output, made by this library or not
export { extractFromCloudFormation } from './extract/cloudformation';
export { extractFromTerraform } from './extract/terraform';
export { detectSynthesizedKind, extractCors, type SynthesizedKind } from './extract/detect';
export { recoverPolicies, type FieldLocations, type PolicyLocations, type RecoveredPolicy } from './extract/policy';
export { auditExtracted, auditSituational, auditSynthesized, type AuditFinding } from './extract/audit';
export type { ExtractedConfigs, ExtractedCors, ExtractionSource, ExtractOptions, SourceLocation, UnresolvedValue } from './extract/types';
