/**
 * cors-constructs core: one CORS policy model, the validator and the per-target renderers.
 * Pure TypeScript: imports neither aws-cdk-lib nor cdktf.
 * @packageDocumentation
 */
export { CORS_TARGETS, DEFAULT_ALLOW_METHODS, type CorsPolicyProps, type CorsTarget } from './props';
export { CorsPolicyError, formatDiagnostic, hasErrors, type CorsDiagnostic, type CorsField, type CorsSeverity } from './diagnostic';
export { RULE_CATALOGUE, RULE_IDS, type CorsRuleId } from './rules/catalogue';
export { validateCorsPolicy, type LiteralWildcards, type ValidateCorsPolicyOptions } from './validate';
export { compileCorsPolicy, type CompiledCorsPolicy } from './compile';
export { normalizeCorsPolicy, normalizeCorsPolicyUnchecked, parsedOrigins, type NormalizedCorsPolicy } from './normalize';
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
export { isUnresolvedToken } from './token';
export { normalizeMethod } from './methods';
export { canonicalJson, configFingerprint, describeConfiguration, sameConfiguration, type CanonicalJsonOptions } from './fingerprint';
export { CorsPolicyLifecycle, DIAGNOSTIC_ID_PREFIX, diagnosticId, formatSynthMessage } from './lifecycle';
export { REGION_NAME_BUDGET, RESOURCE_NAME_MAX_LENGTH, regionalResourceName, sanitizeNamePart, truncateWithHash, type RegionalResourceNameParts } from './resource-name';
export { restApiOriginListToken, targetCorsConflict } from './rules/behaviour';
export type { BoundFunctionUrlFact, CloudFrontBehaviorFact, HttpRouteFact, ProxyIntegrationFact } from './facts';
export * from './situational';
export * from './targets';
export { RUNTIME_POLICY_ENV } from './runtime-contract';
export { httpRouteCatchesPreflight, needsPreflight } from './preflight';
export * from './simulate';
export * from './extract';
export * from './gateway-responses';
