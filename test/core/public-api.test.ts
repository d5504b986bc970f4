import * as core from '../../lib/core';
import * as internal from '../../lib/core/internal';

// The runtime values `cors-constructs` exports (issue 16: a curated set: policy types, validate, normalize,
// render, simulate, extract/audit, the rule catalogue). Adding a name here is an API decision, removing one
// a breaking change (CHANGELOG).
const PUBLIC_VALUES = [
  'BROWSER_DEVIATIONS', 'CORS_BROWSERS', 'CORS_TARGETS', 'CorsPolicyError', 'DEFAULT_ALLOW_METHODS', 'DEFAULT_CORS_BROWSER',
  'DEFAULT_PREFLIGHT_MAX_AGE_SECONDS', 'DIAGNOSTIC_ID_PREFIX', 'PREFLIGHT_CACHE_CAP_SECONDS', 'RULE_CATALOGUE', 'RULE_IDS',
  'RUNTIME_POLICY_ENV', 'TARGET_CAPABILITIES', 'allowsEveryOrigin', 'auditExtracted', 'auditSituational', 'auditSynthesized',
  'compileCorsPolicy', 'corsCheck', 'detectSynthesizedKind', 'extractCors', 'extractFromCloudFormation', 'extractFromTerraform',
  'formatDiagnostic', 'getHeader', 'hasDeviation', 'hasErrors', 'isHttpToken', 'isWildcardOrigin', 'normalizeCorsPolicy',
  'normalizeCorsPolicyUnchecked', 'normalizeMethod', 'originMatches', 'originPatternRegex', 'parseOrigin', 'parsedOrigins',
  'preflightCacheSeconds', 'preflightCheck', 'recoverPolicies', 'renderCloudFrontCors', 'renderFunctionUrlCors',
  'renderHttpApiCors', 'renderRestApiCors', 'renderS3CorsRule', 'simulateCors', 'validateCorsPolicy', 'wildcardCoversAuthorization',
];

test('cors-constructs exports exactly the curated values', () => {
  expect(Object.keys(core).sort()).toEqual([...PUBLIC_VALUES].sort());
});

test.each([
  'targetCorsConflict', 'restApiOriginListToken', 'CorsPolicyLifecycle', 'configFingerprint', 'regionalResourceName',
  'mergeGatewayResponseParameters', 'preflightNotForwarded', 'needsPreflight', 'isUnresolvedToken', 'velocityLiteral',
])('adapter plumbing %s stays in the internal module, not in the package entry', (name) => {
  expect(internal).toHaveProperty(name);
  expect(core).not.toHaveProperty(name);
});

test('the internal module re-exports the whole public API (adapters import one module)', () => {
  for (const name of PUBLIC_VALUES) expect((internal as Record<string, unknown>)[name]).toBe((core as Record<string, unknown>)[name]);
});
