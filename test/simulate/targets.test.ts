import {
  normalizeCorsPolicy,
  renderCloudFrontCors,
  renderFunctionUrlCors,
  renderHttpApiCors,
  renderRestApiCors,
  renderS3CorsRule,
  simulateCors,
  type CorsPolicyProps,
  type S3CorsRuleConfig,
} from 'cors-constructs';
import { POLICY_FIXTURES, SUBDOMAIN_PATTERN_POLICY } from '../fixtures/policies';

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';
const EVIL = 'https://evil.example.net';
const policy = (props: CorsPolicyProps) => normalizeCorsPolicy(props);
const putJson = { method: 'PUT', headers: { 'Content-Type': 'application/json' }, credentials: true } as const;

describe('S3', () => {
  const spa = renderS3CorsRule(policy(POLICY_FIXTURES.spaWithCredentials));

  test('echoes a listed origin with credentials and answers the requested headers', () => {
    const result = simulateCors('s3', spa, { origin: APP, ...putJson });
    expect(result.allowed).toBe(true);
    expect(result.preflight).toEqual({
      sent: true,
      allowed: true,
      status: 200,
      requestHeaders: ['content-type'],
      responseHeaders: {
        'Access-Control-Allow-Origin': APP,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
        'Access-Control-Allow-Headers': 'content-type',
        'Access-Control-Expose-Headers': 'etag, x-request-id',
        'Access-Control-Max-Age': '600',
        'Vary': 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
      },
    });
    expect(result.exposedHeaders).toEqual(['etag', 'x-request-id']);
  });

  test('a header outside AllowedHeaders: 403 without CORS headers', () => {
    const result = simulateCors('s3', spa, { origin: APP, method: 'PUT', headers: { 'X-Api-Key': 'k' } });
    expect(result).toMatchObject({ allowed: false, preflight: { sent: true, allowed: false, status: 403, responseHeaders: {} } });
    expect(result.failure).toContain('no Access-Control-Allow-Origin');
    expect(result.reasons.join('\n')).toContain('Access-Control-Allow-Headers does not list x-api-key');
  });

  test('* is answered with * and fails credentialed requests; safelisted methods must still be listed', () => {
    const open = renderS3CorsRule(policy(POLICY_FIXTURES.publicReadOnly));
    expect(simulateCors('s3', open, { origin: EVIL, method: 'GET' })).toMatchObject({ allowed: true, responseHeaders: { 'Access-Control-Allow-Origin': '*' } });
    expect(simulateCors('s3', open, { origin: EVIL, method: 'GET', credentials: true }).failure).toContain('Access-Control-Allow-Origin is *');
    const post = simulateCors('s3', open, { origin: EVIL, method: 'POST' });
    expect(post.allowed).toBe(false);
    expect(post.reasons.join('\n')).toContain('AllowedMethods (GET, HEAD) does not list POST');
  });

  test('allowed-header * echoes the requested names, Authorization included', () => {
    const wide = renderS3CorsRule(policy({ allowOrigins: [APP], allowMethods: ['PUT'], allowHeaders: ['*'] }));
    const result = simulateCors('s3', wide, { origin: APP, method: 'PUT', headers: { Authorization: 'x', 'X-Amz-Meta-A': '1' }, credentials: true });
    expect(result.allowed).toBe(true);
    expect(result.preflight.responseHeaders['Access-Control-Allow-Headers']).toBe('authorization, x-amz-meta-a');
  });

  test('hand-written rules: first match wins and one * matches any characters', () => {
    const rules: S3CorsRuleConfig[] = [
      { allowedOrigins: ['https://*example.com'], allowedMethods: ['GET'] },
      { allowedOrigins: ['*'], allowedMethods: ['GET', 'PUT'] },
    ];
    expect(simulateCors('s3', rules, { origin: 'https://evilexample.com', method: 'GET', credentials: true }).allowed).toBe(true);
    const put = simulateCors('s3', rules, { origin: 'https://evilexample.com', method: 'PUT' });
    expect(put.preflight.responseHeaders['Access-Control-Allow-Origin']).toBe('*');
    expect(put.reasons.join('\n')).toContain('S3 CORS rule #2 matches');
  });

  test('a bucket without rules answers preflights 403', () => {
    expect(simulateCors('s3', [], { origin: APP, method: 'PUT' }).preflight.status).toBe(403);
  });
});

describe('HTTP API', () => {
  const twoOrigins = renderHttpApiCors(policy(POLICY_FIXTURES.spaAndAdmin));

  test('answers preflights itself and echoes the matching origin', () => {
    const result = simulateCors('http-api', twoOrigins, { origin: ADMIN, ...putJson, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer x' } });
    expect(result.allowed).toBe(true);
    expect(result.preflight.status).toBe(204);
    expect(result.preflight.responseHeaders).toMatchObject({ 'Access-Control-Allow-Origin': ADMIN, 'Access-Control-Allow-Headers': 'content-type,authorization', 'Access-Control-Max-Age': '3600' });
    expect(result.responseHeaders).toMatchObject({ 'Access-Control-Allow-Origin': ADMIN, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': 'etag' });
  });

  test('an unlisted header fails the preflight with the reason', () => {
    expect(simulateCors('http-api', twoOrigins, { origin: APP, method: 'GET', headers: { 'x-api-key': 'k' } }).failure).toBe('Access-Control-Allow-Headers does not list x-api-key');
  });

  test('an authorized route matching OPTIONS answers 401', () => {
    const result = simulateCors('http-api', twoOrigins, { origin: APP, ...putJson }, { authorizedOptionsRoute: true });
    expect(result).toMatchObject({ allowed: false, preflight: { status: 401 } });
  });

  test('* headers do not cover Authorization; https://* matches any https origin', () => {
    const config = renderHttpApiCors(policy({ allowOrigins: ['https://*'], allowMethods: ['*'], allowHeaders: ['*'] }));
    expect(simulateCors('http-api', config, { origin: EVIL, method: 'PATCH', headers: { 'x-a': '1' } }).allowed).toBe(true);
    expect(simulateCors('http-api', config, { origin: EVIL, method: 'GET', headers: { Authorization: 'x' } }).failure).toContain('does not list authorization (* does not cover Authorization');
    expect(simulateCors('http-api', config, { origin: 'http://plain.example', method: 'GET' }).allowed).toBe(false);
  });
});

describe('Function URL', () => {
  const spa = renderFunctionUrlCors(policy(POLICY_FIXTURES.spaWithCredentials));

  test('answers preflights and adds headers to responses', () => {
    const result = simulateCors('function-url', spa, { origin: APP, ...putJson });
    expect(result.allowed).toBe(true);
    expect(result.responseHeaders['Access-Control-Allow-Origin']).toBe(APP);
  });

  test('the function setting Access-Control-Allow-Origin too duplicates it and browsers reject it', () => {
    const result = simulateCors('function-url', spa, { origin: APP, method: 'GET' }, { functionHeaders: { 'access-control-allow-origin': APP } });
    expect(result.failure).toContain('several values');
    expect(result.reasons.join('\n')).toContain('duplicate-cors-headers');
  });

  test('* with credentials reflects every origin (hand-written configuration)', () => {
    const result = simulateCors('function-url', { allowOrigins: ['*'], allowMethods: ['*'], allowCredentials: true }, { origin: EVIL, method: 'GET', credentials: true });
    expect(result).toMatchObject({ allowed: true, responseHeaders: { 'Access-Control-Allow-Origin': EVIL, 'Access-Control-Allow-Credentials': 'true' } });
  });
});

describe('REST API', () => {
  const twoOrigins = renderRestApiCors(policy(POLICY_FIXTURES.spaAndAdmin));

  test('the MOCK preflight echoes an allowed origin; proxy responses carry no CORS headers without the runtime helper', () => {
    const without = simulateCors('rest-api', twoOrigins, { origin: ADMIN, ...putJson });
    expect(without.preflight).toMatchObject({ sent: true, allowed: true, status: 204 });
    expect(without.preflight.responseHeaders).toMatchObject({ 'Access-Control-Allow-Origin': ADMIN, 'Vary': 'Origin', 'Access-Control-Allow-Headers': 'content-type,authorization' });
    expect(without.allowed).toBe(false);
    expect(without.reasons.join('\n')).toContain('proxy-responses-uncovered');
    expect(simulateCors('rest-api', twoOrigins, { origin: ADMIN, ...putJson }, { runtimeHelper: true }).allowed).toBe(true);
  });

  test('the template does not echo an unlisted origin', () => {
    const result = simulateCors('rest-api', twoOrigins, { origin: EVIL, ...putJson }, { runtimeHelper: true });
    expect(result.failure).toBe('preflight: the response has no Access-Control-Allow-Origin header');
  });

  test('subdomain patterns are anchored: the dot is not a wildcard', () => {
    const config = renderRestApiCors(policy(SUBDOMAIN_PATTERN_POLICY));
    const put = (origin: string) => simulateCors('rest-api', config, { origin, method: 'PUT', headers: { 'content-type': 'application/json' } }, { runtimeHelper: true }).allowed;
    expect(put('https://a.b.example.com')).toBe(true);
    expect(put('http://localhost:3000')).toBe(true);
    expect(put('https://example.com')).toBe(false);
    expect(put('https://appXexample.com')).toBe(false);
    expect(put('https://a.example.com.evil.net')).toBe(false);
  });

  test('header * is echoed, so Authorization passes', () => {
    const config = renderRestApiCors(policy(POLICY_FIXTURES.wideOpen));
    const result = simulateCors('rest-api', config, { origin: EVIL, method: 'DELETE', headers: { Authorization: 'x', 'X-B': '1' } }, { runtimeHelper: true });
    expect(result.allowed).toBe(true);
    expect(result.preflight.responseHeaders['Access-Control-Allow-Headers']).toBe('authorization,x-b');
  });

  test('gateway responses name one static origin', () => {
    expect(simulateCors('rest-api', twoOrigins, { origin: APP, method: 'GET', credentials: true }, { gatewayResponse: 'DEFAULT_4XX' }).allowed).toBe(true);
    expect(simulateCors('rest-api', twoOrigins, { origin: ADMIN, method: 'GET', credentials: true }, { gatewayResponse: 'UNAUTHORIZED' }).failure).toContain(`Access-Control-Allow-Origin is ${APP}`);
  });

  test('an OPTIONS method with an authorizer, or none at all, fails the preflight', () => {
    const authorized = { ...twoOrigins, preflight: { ...twoOrigins.preflight, authorizationType: 'COGNITO_USER_POOLS' } };
    expect(simulateCors('rest-api', authorized, { origin: APP, ...putJson }).preflight.status).toBe(401);
    expect(simulateCors('rest-api', { gatewayResponses: [] }, { origin: APP, ...putJson }).preflight.status).toBe(403);
  });

  test('a hand-written mapping from the Origin header reflects any origin', () => {
    const reflect = { preflight: { statusCode: '200', staticHeaders: { 'Access-Control-Allow-Methods': 'GET,PUT', 'Access-Control-Allow-Credentials': 'true' }, requestMappedHeaders: { 'Access-Control-Allow-Origin': 'Origin' } }, gatewayResponses: [] };
    expect(simulateCors('rest-api', reflect, { origin: EVIL, method: 'PUT', credentials: true }, { runtimeHelper: true }).allowed).toBe(true);
  });
});

describe('CloudFront', () => {
  const spa = renderCloudFrontCors(policy(POLICY_FIXTURES.spaWithCredentials));

  test('adds the policy headers to the origin\'s 2xx preflight answer', () => {
    const result = simulateCors('cloudfront', spa, { origin: APP, ...putJson });
    expect(result.allowed).toBe(true);
    expect(result.preflight.responseHeaders['Access-Control-Allow-Methods']).toBe('GET, POST, PUT, DELETE');
    expect(result.reasons.join('\n')).toContain('assumed');
  });

  test('a behavior without OPTIONS, or an origin answering 403, fails the preflight', () => {
    expect(simulateCors('cloudfront', spa, { origin: APP, ...putJson }, { optionsAllowed: false }).preflight.status).toBe(403);
    expect(simulateCors('cloudfront', spa, { origin: APP, ...putJson }, { originPreflightStatus: 403 }).failure).toBe('preflight: the response status is 403, not 2xx');
  });

  test('originOverride decides whose headers win', () => {
    const originHeaders = { 'Access-Control-Allow-Origin': '*' };
    expect(simulateCors('cloudfront', spa, { origin: APP, method: 'GET', credentials: true }, { originHeaders }).allowed).toBe(true);
    expect(simulateCors('cloudfront', { ...spa, originOverride: false }, { origin: APP, method: 'GET', credentials: true }, { originHeaders }).failure).toContain('Access-Control-Allow-Origin is *');
  });

  test('ALL allows PATCH; an unlisted origin gets no CORS headers', () => {
    const all = renderCloudFrontCors(policy({ allowOrigins: ['https://*.example.com'], allowMethods: ['*'] }));
    expect(all.allowMethods).toEqual(['ALL']);
    expect(simulateCors('cloudfront', all, { origin: APP, method: 'PATCH' }).allowed).toBe(true);
    expect(simulateCors('cloudfront', all, { origin: EVIL, method: 'GET' }).allowed).toBe(false);
  });
});
