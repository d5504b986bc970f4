import { corsHeaders, CorsRuntimeConfigError, type NormalizedCorsPolicy } from 'cors-constructs/runtime';
import { ANY_HEADER_WITH_CREDENTIALS, PATTERN, PUBLIC, SPA, SPA_AND_ADMIN, WIDE_OPEN } from './fixtures/policies';

const APP = 'https://app.example.com';

describe('corsHeaders: actual requests', () => {
  test('echoes an allowed exact origin with credentials, exposed headers and Vary', () => {
    expect(corsHeaders(SPA, { Origin: APP }, 'GET')).toEqual({
      'Access-Control-Allow-Origin': APP,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': 'etag,x-request-id',
      Vary: 'Origin',
    });
  });

  test('picks the matching one of several origins', () => {
    expect(corsHeaders(SPA_AND_ADMIN, { origin: 'https://admin.example.com' })['Access-Control-Allow-Origin']).toBe('https://admin.example.com');
  });

  test.each([
    ['another origin', 'https://evil.example'],
    ['a suffix attack', 'https://app.example.com.evil.example'],
    ['a different scheme', 'http://app.example.com'],
    ['a different case', 'https://APP.example.com'],
    ['a trailing slash', 'https://app.example.com/'],
    ['a list of origins', 'https://app.example.com, https://evil.example'],
    ['CRLF injection', 'https://app.example.com\r\nSet-Cookie: a=b'],
  ])('never reflects %s; still sends Vary: Origin', (_what, origin) => {
    expect(corsHeaders(SPA_AND_ADMIN, { Origin: origin })).toEqual({ Vary: 'Origin' });
  });

  test('no Origin header: only Vary for a listed-origins policy', () => {
    expect(corsHeaders(SPA, {})).toEqual({ Vary: 'Origin' });
    expect(corsHeaders(SPA, null)).toEqual({ Vary: 'Origin' });
    expect(corsHeaders(SPA, undefined)).toEqual({ Vary: 'Origin' });
  });

  test('* without credentials: * for everyone and no Vary, since the answer does not depend on the Origin', () => {
    expect(corsHeaders(PUBLIC, { Origin: APP })).toEqual({ 'Access-Control-Allow-Origin': '*' });
    expect(corsHeaders(PUBLIC, {})).toEqual({ 'Access-Control-Allow-Origin': '*' });
    expect(corsHeaders(WIDE_OPEN, {}, 'GET')).toEqual({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': '*' });
  });

  test('subdomain and port patterns, with the core matching semantics', () => {
    expect(corsHeaders(PATTERN, { Origin: 'https://a.b.example.com' })['Access-Control-Allow-Origin']).toBe('https://a.b.example.com');
    expect(corsHeaders(PATTERN, { Origin: 'https://example.com' })['Access-Control-Allow-Origin']).toBeUndefined();
    expect(corsHeaders(PATTERN, { Origin: 'https://aexample.com' })['Access-Control-Allow-Origin']).toBeUndefined();
    expect(corsHeaders(PATTERN, { Origin: 'http://localhost:3000' })['Access-Control-Allow-Origin']).toBe('http://localhost:3000');
    expect(corsHeaders(PATTERN, { Origin: 'http://localhost:3001' })['Access-Control-Allow-Origin']).toBeUndefined();
    const ports = corsHeaders(ANY_HEADER_WITH_CREDENTIALS, { Origin: 'http://localhost:5173' });
    expect(ports['Access-Control-Allow-Origin']).toBe('http://localhost:5173');
    expect(corsHeaders(ANY_HEADER_WITH_CREDENTIALS, { Origin: 'http://localhost' })['Access-Control-Allow-Origin']).toBeUndefined();
  });

  test('header names in any case, single or multi-valued; ambiguous Origin values are not reflected', () => {
    expect(corsHeaders(SPA, { ORIGIN: APP })['Access-Control-Allow-Origin']).toBe(APP);
    expect(corsHeaders(SPA, { origin: [APP] })['Access-Control-Allow-Origin']).toBe(APP);
    expect(corsHeaders(SPA, { origin: [APP, APP] })['Access-Control-Allow-Origin']).toBe(APP);
    expect(corsHeaders(SPA, { origin: [APP, 'https://evil.example'] })).toEqual({ Vary: 'Origin' });
    expect(corsHeaders(SPA, { Origin: APP, origin: 'https://evil.example' })).toEqual({ Vary: 'Origin' });
    expect(corsHeaders(SPA, { Origin: null, origin: undefined })).toEqual({ Vary: 'Origin' });
  });
});

describe('corsHeaders: preflights', () => {
  test('allowed preflight: methods, headers, max age, credentials; no expose headers', () => {
    expect(corsHeaders(SPA, { Origin: APP, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' }, 'OPTIONS')).toEqual({
      'Access-Control-Allow-Origin': APP,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE',
      'Access-Control-Allow-Headers': 'content-type,authorization,x-request-id',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    });
  });

  test('OPTIONS without Access-Control-Request-Method is an actual request', () => {
    expect(corsHeaders(SPA, { Origin: APP }, 'OPTIONS')['Access-Control-Allow-Methods']).toBeUndefined();
    expect(corsHeaders(SPA, { Origin: APP }, 'OPTIONS')['Access-Control-Expose-Headers']).toBe('etag,x-request-id');
  });

  test('a disallowed preflight gets no Access-Control-* header at all', () => {
    expect(corsHeaders(SPA, { Origin: 'https://evil.example', 'access-control-request-method': 'PUT' }, 'OPTIONS')).toEqual({ Vary: 'Origin' });
  });

  test('* headers without credentials: * is sent as listed (with authorization, which * does not cover)', () => {
    const headers = corsHeaders(WIDE_OPEN, { Origin: APP, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'x-a' }, 'OPTIONS');
    expect(headers).toEqual({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': '*', 'Access-Control-Allow-Headers': '*,authorization' });
  });

  test('* headers with credentials: the requested headers are echoed (as the REST preflight does), with Vary', () => {
    const request = { Origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'Authorization, X-Custom' };
    expect(corsHeaders(ANY_HEADER_WITH_CREDENTIALS, request, 'OPTIONS')).toEqual({
      'Access-Control-Allow-Origin': APP,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Methods': 'GET,PUT',
      'Access-Control-Allow-Headers': 'authorization, x-custom',
      Vary: 'Origin, Access-Control-Request-Headers',
    });
    const garbage = corsHeaders(ANY_HEADER_WITH_CREDENTIALS, { ...request, 'access-control-request-headers': 'x-a\r\nset-cookie: a' }, 'OPTIONS');
    expect(garbage['Access-Control-Allow-Headers']).toBeUndefined();
    expect(garbage['Access-Control-Allow-Origin']).toBe(APP);
  });
});

describe('corsHeaders: policies that are not normalized are refused', () => {
  const base: NormalizedCorsPolicy = { allowOrigins: [APP], allowMethods: ['GET'], allowHeaders: [], exposeHeaders: [], allowCredentials: false };
  test.each<[string, unknown]>([
    ['a non-canonical origin', { ...base, allowOrigins: ['https://App.example.com'] }],
    ['a trailing slash', { ...base, allowOrigins: ['https://app.example.com/'] }],
    ['a default port', { ...base, allowOrigins: ['https://app.example.com:443'] }],
    ['an invalid pattern', { ...base, allowOrigins: ['https://*example.com'] }],
    ['no origin', { ...base, allowOrigins: [] }],
    ['* with credentials', { ...base, allowOrigins: ['*'], allowCredentials: true }],
    ['https://* with credentials', { ...base, allowOrigins: ['https://*'], allowCredentials: true }],
    ['a header name with CRLF', { ...base, exposeHeaders: ['x-a\r\nset-cookie'] }],
    ['a negative max age', { ...base, maxAgeSeconds: -1 }],
    ['credentials as a string', { ...base, allowCredentials: 'true' }],
    ['not an object', 'policy'],
  ])('%s', (_what, policy) => {
    expect(() => corsHeaders(policy as NormalizedCorsPolicy, { Origin: APP })).toThrow(CorsRuntimeConfigError);
  });
});
