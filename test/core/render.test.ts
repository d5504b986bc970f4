import {
  CLOUDFRONT_PLACEHOLDER_HEADER,
  configFingerprint,
  normalizeCorsPolicy,
  renderCloudFrontCors,
  renderFunctionUrlCors,
  renderHttpApiCors,
  renderRestApiCors,
  readRestApiTemplate,
  renderS3CorsRule,
  velocityLiteral,
} from '../../lib/core/internal';
import { REGEX_SUBDOMAINS } from '../../lib/core/origin';
import { POLICY_FIXTURES, SUBDOMAIN_PATTERN_POLICY } from '../fixtures/policies';

describe('normalization', () => {
  test('canonical origins, uppercase normalized methods, lowercase headers, first occurrence kept', () => {
    expect(normalizeCorsPolicy({
      allowOrigins: ['https://b.example.com', 'https://a.example.com'],
      allowMethods: ['POST', 'PATCH'],
      allowHeaders: ['X-Id', 'Content-Type'],
      exposeHeaders: ['ETag'],
    })).toEqual({
      allowOrigins: ['https://b.example.com', 'https://a.example.com'],
      allowMethods: ['POST', 'PATCH'],
      allowHeaders: ['x-id', 'content-type'],
      exposeHeaders: ['etag'],
      allowCredentials: false,
    });
  });

  test('defaults: GET and HEAD, no headers, no credentials, no max age', () => {
    expect(normalizeCorsPolicy({ allowOrigins: ['*'] })).toEqual({ allowOrigins: ['*'], allowMethods: ['GET', 'HEAD'], allowHeaders: [], exposeHeaders: [], allowCredentials: false });
  });

  test('tokens pass through untouched', () => {
    const policy = normalizeCorsPolicy({ allowOrigins: ['${Token[TOKEN.7]}'], maxAgeSeconds: -1.8881545897087524e289 });
    expect(policy.allowOrigins).toEqual(['${Token[TOKEN.7]}']);
    expect(policy.maxAgeSeconds).toBe(-1.8881545897087524e289);
  });
});

describe('REST API rendering', () => {
  test('one exact origin is a static header, no template', () => {
    const config = renderRestApiCors(normalizeCorsPolicy(POLICY_FIXTURES.spaWithCredentials));
    expect(config.preflight).toEqual({
      statusCode: '204',
      responseHeaders: ['Access-Control-Allow-Origin', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Allow-Credentials', 'Access-Control-Max-Age'],
      staticHeaders: {
        'Access-Control-Allow-Origin': 'https://app.example.com',
        'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE',
        'Access-Control-Allow-Headers': 'content-type,authorization,x-request-id',
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Max-Age': '600',
      },
    });
    expect(config.gatewayResponses).toEqual([
      { type: 'DEFAULT_4XX', headers: { 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': 'etag,x-request-id' } },
      { type: 'DEFAULT_5XX', headers: { 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': 'etag,x-request-id' } },
    ]);
  });

  test('several origins are echoed only when allowed, with Vary: Origin and no static origin', () => {
    const { preflight } = renderRestApiCors(normalizeCorsPolicy(POLICY_FIXTURES.spaAndAdmin));
    expect(preflight.staticHeaders['Access-Control-Allow-Origin']).toBeUndefined();
    expect(preflight.staticHeaders['Vary']).toBe('Origin');
    expect(preflight.responseTemplate).toContain("#if($origin == 'https://app.example.com' || $origin == 'https://admin.example.com')");
    expect(preflight.responseTemplate).toContain('#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)');
  });

  test('patterns are anchored, escaped matches', () => {
    const { preflight, gatewayResponses } = renderRestApiCors(normalizeCorsPolicy(SUBDOMAIN_PATTERN_POLICY));
    expect(preflight.responseTemplate).toContain(`$origin.matches('https://${REGEX_SUBDOMAINS}example\\.com')`);
    expect(preflight.responseTemplate).toContain("$origin == 'http://localhost:3000'");
    // Gateway responses name the one exact origin; the pattern cannot be answered statically.
    expect(gatewayResponses[0]!.headers['Access-Control-Allow-Origin']).toBe('http://localhost:3000');
  });

  test("Velocity literals are single-quoted, never interpolated, with ' doubled", () => {
    expect(velocityLiteral("it's $x")).toBe("'it''s $x'");
  });

  test('a deploy-time origin is compared through the adapter\'s deploy-time quote doubling, never pasted as written', () => {
    const policy = normalizeCorsPolicy({ allowOrigins: ['https://app.example.com', '${Token[TOKEN.7]}'] });
    expect(() => renderRestApiCors(policy)).toThrow(/deploy-time value; pass doubleQuotesAtDeploy/);
    const { preflight } = renderRestApiCors(policy, { doubleQuotesAtDeploy: (token) => `DOUBLED(${token})` });
    expect(preflight.responseTemplate).toContain("#if($origin == 'https://app.example.com' || $origin == 'DOUBLED(${Token[TOKEN.7]})')");
  });

  test("the template reader unquotes both literal forms and splits only at '||' outside literals", () => {
    const template = "#set($origin = $input.params().header.get(\"Origin\"))\n#if($origin == 'a''||b' || $origin == \"c\"\"d\" || $origin.matches('x''y'))\n#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)\n#end";
    expect(readRestApiTemplate(template).echoes).toEqual([
      { header: 'Access-Control-Allow-Origin', from: 'origin', conditions: [{ equals: "a'||b" }, { equals: 'c"d' }, { matches: "x'y" }] },
    ]);
  });

  test('a pattern-only policy gets no gateway responses', () => {
    expect(renderRestApiCors(normalizeCorsPolicy({ allowOrigins: ['https://*.example.com'] })).gatewayResponses).toEqual([]);
  });

  test("'*' headers echo Access-Control-Request-Headers", () => {
    const { preflight } = renderRestApiCors(normalizeCorsPolicy(POLICY_FIXTURES.wideOpen));
    expect(preflight.staticHeaders['Access-Control-Allow-Headers']).toBeUndefined();
    expect(preflight.responseHeaders).toContain('Access-Control-Allow-Headers');
    expect(preflight.responseTemplate).toContain('Access-Control-Allow-Headers = $requested');
    expect(preflight.staticHeaders['Access-Control-Allow-Origin']).toBe('*');
    expect(preflight.staticHeaders['Access-Control-Allow-Methods']).toBe('*');
  });
});

describe('other targets', () => {
  test('HTTP API and function URL omit empty lists and keep * methods', () => {
    const policy = normalizeCorsPolicy(POLICY_FIXTURES.publicReadOnly);
    expect(renderHttpApiCors(policy)).toEqual({ allowOrigins: ['*'], allowMethods: ['GET', 'HEAD'], allowCredentials: false });
    expect(renderFunctionUrlCors(normalizeCorsPolicy(POLICY_FIXTURES.wideOpen))).toEqual({ allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*', 'authorization'], exposeHeaders: ['*'], allowCredentials: false });
  });

  test('S3 lists all five methods for *, and has no credentials field', () => {
    expect(renderS3CorsRule(normalizeCorsPolicy(POLICY_FIXTURES.wideOpen))).toEqual({
      allowedOrigins: ['*'],
      allowedMethods: ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'],
      allowedHeaders: ['*', 'authorization'],
      exposedHeaders: ['*'],
    });
  });

  test('CloudFront: ALL for *, at least one allowed header, originOverride', () => {
    expect(renderCloudFrontCors(normalizeCorsPolicy(POLICY_FIXTURES.publicReadOnly))).toEqual({
      allowOrigins: ['*'],
      allowMethods: ['GET', 'HEAD'],
      allowHeaders: [CLOUDFRONT_PLACEHOLDER_HEADER],
      allowCredentials: false,
      originOverride: true,
    });
    expect(renderCloudFrontCors(normalizeCorsPolicy(POLICY_FIXTURES.wideOpen)).allowMethods).toEqual(['ALL']);
  });

  test('the fingerprint changes exactly when the configuration does', () => {
    const a = renderRestApiCors(normalizeCorsPolicy(POLICY_FIXTURES.spaAndAdmin));
    const b = renderRestApiCors(normalizeCorsPolicy({ ...POLICY_FIXTURES.spaAndAdmin, maxAgeSeconds: 60 }));
    expect(configFingerprint(a)).toBe(configFingerprint(renderRestApiCors(normalizeCorsPolicy(POLICY_FIXTURES.spaAndAdmin))));
    expect(configFingerprint(a)).not.toBe(configFingerprint(b));
    expect(configFingerprint({ x: 1, y: 2 })).toBe(configFingerprint({ y: 2, x: 1 }));
  });
});
