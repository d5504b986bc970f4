import fc from 'fast-check';
import {
  CLOUDFRONT_ALL_METHODS,
  CLOUDFRONT_PLACEHOLDER_HEADER,
  CORS_TARGETS,
  TARGET_CAPABILITIES,
  corsUnsafeRequestHeaderNames,
  hasErrors,
  normalizeCorsPolicy,
  normalizeMethod,
  originMatches,
  parsedOrigins,
  readScriptHeaders,
  renderCloudFrontCors,
  renderFunctionUrlCors,
  renderHttpApiCors,
  renderRestApiCors,
  renderS3CorsRule,
  simulateCors,
  targetMethods,
  validateCorsPolicy,
  type CorsPolicyProps,
  type CorsRequest,
  type CorsTarget,
  type NormalizedCorsPolicy,
} from '../../lib/core/internal';

const SAFELISTED_METHODS = new Set(['GET', 'HEAD', 'POST']);

const policyArb: fc.Arbitrary<CorsPolicyProps> = fc.record({
  allowOrigins: fc.uniqueArray(fc.constantFrom('https://app.example.com', 'https://admin.example.com', 'http://localhost:3000', 'https://api.example.org', 'https://*.example.com', 'http://localhost:*', 'https://*', '*', 'null'), { minLength: 1, maxLength: 3 }),
  allowMethods: fc.uniqueArray(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PURGE', '*'), { minLength: 1, maxLength: 4 }),
  allowHeaders: fc.uniqueArray(fc.constantFrom('content-type', 'authorization', 'x-api-key', 'x-request-id', 'accept', '*'), { maxLength: 3 }),
  allowCredentials: fc.boolean(),
  maxAgeSeconds: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
});

const requestArb: fc.Arbitrary<CorsRequest> = fc.record({
  origin: fc.constantFrom('https://app.example.com', 'https://admin.example.com', 'https://a.b.example.com', 'https://example.com', 'http://localhost:3000', 'http://localhost:8080', 'https://evil.example.net', 'http://app.example.com', 'https://api.example.org', 'null'),
  method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'patch', 'delete', 'PURGE'),
  headers: fc.dictionary(
    fc.constantFrom('Content-Type', 'Authorization', 'X-Api-Key', 'x-request-id', 'Accept', 'X-Other'),
    fc.constantFrom('application/json', 'text/plain', 'a(b', '1'),
    { maxKeys: 3 },
  ),
  credentials: fc.boolean(),
});

function render(target: CorsTarget, policy: NormalizedCorsPolicy) {
  switch (target) {
    case 's3': return renderS3CorsRule(policy);
    case 'http-api': return renderHttpApiCors(policy);
    case 'function-url': return renderFunctionUrlCors(policy);
    case 'cloudfront': return renderCloudFrontCors(policy);
    case 'rest-api': return renderRestApiCors(policy);
  }
}

/**
 * The policy's meaning, computed without the simulator: the listed origins (one matching
 * semantics), the listed methods plus the safelisted ones (S3 matches the method of every request
 * against the rule, so there safelisted methods must be listed too), the listed headers, and `*`
 * as the Fetch standard reads it (not with credentials, never Authorization) unless the target
 * answers it by echoing the requested names (S3, the REST preflight template).
 */
function expectedAllowed(target: CorsTarget, policy: NormalizedCorsPolicy, request: CorsRequest): boolean {
  const credentials = request.credentials === true;
  const entry = parsedOrigins(policy).find((o) => originMatches(o, request.origin));
  if (!entry) return false;
  // S3 has no credentials setting: it allows them for every entry but `*` (S3 API reference, common response headers).
  if (credentials && (target === 's3' ? entry.kind === 'any' : !policy.allowCredentials)) return false;

  const method = normalizeMethod(request.method);
  const rendered = targetMethods(policy, target);
  const listed = rendered.includes('ALL') ? CLOUDFRONT_ALL_METHODS : rendered;
  const methodOk = target === 's3'
    ? listed.includes(method)
    : SAFELISTED_METHODS.has(method) || listed.includes(method) || (listed.includes('*') && !credentials);
  if (!methodOk) return false;

  const echo = TARGET_CAPABILITIES[target].headerWildcard === 'echo' && policy.allowHeaders.includes('*');
  // CloudFront needs one header in the list; the renderer puts the safelisted `accept` there.
  const headers = target === 'cloudfront' && policy.allowHeaders.length === 0 ? [CLOUDFRONT_PLACEHOLDER_HEADER] : policy.allowHeaders;
  return corsUnsafeRequestHeaderNames(readScriptHeaders(request.headers)).every((name) =>
    headers.includes(name) || echo || (headers.includes('*') && !credentials && name !== 'authorization'));
}

describe.each(CORS_TARGETS)('%s: the simulator agrees with the validated policy', (target) => {
  test('allows exactly the listed origins, methods and headers', () => {
    const validPolicy = policyArb.filter((props) => !hasErrors(validateCorsPolicy(props, { targets: [target] })));
    fc.assert(
      fc.property(validPolicy, requestArb, (props, request) => {
        const policy = normalizeCorsPolicy(props);
        const result = simulateCors(target, render(target, policy), request, { runtimeHelper: true });
        const expected = expectedAllowed(target, policy, request);
        if (result.allowed !== expected) {
          throw new Error(`expected ${expected ? 'allowed' : 'blocked'}, simulator said ${result.allowed ? 'allowed' : 'blocked'}:\n${result.reasons.join('\n')}`);
        }
        if (!result.allowed && result.failure === undefined) throw new Error('a blocked request must carry a failure reason');
      }),
      { numRuns: 400, seed: 20260705 },
    );
  });
});

test('REST API: without the runtime helper no proxy response is readable', () => {
  fc.assert(
    fc.property(policyArb.filter((p) => !hasErrors(validateCorsPolicy(p, { targets: ['rest-api'] }))), requestArb, (props, request) => {
      return !simulateCors('rest-api', renderRestApiCors(normalizeCorsPolicy(props)), request).allowed;
    }),
    { numRuns: 100 },
  );
});
