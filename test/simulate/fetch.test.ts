import { corsCheck, corsUnsafeRequestHeaderNames, isSafelistedRequestHeader, preflightCheck, readScriptHeaders, simulateCors, type HttpApiCorsConfig } from '../../lib/core/internal';

const httpApi: HttpApiCorsConfig = {
  allowOrigins: ['https://app.example.com'],
  allowMethods: ['GET', 'PUT', 'DELETE'],
  allowHeaders: ['content-type', 'x-request-id'],
  allowCredentials: true,
};
const origin = 'https://app.example.com';

describe('Fetch: CORS-safelisted request headers', () => {
  test.each([
    ['content-type', 'text/plain', true],
    ['content-type', 'text/plain; charset=utf-8', true],
    ['content-type', 'multipart/form-data; boundary=x', true],
    ['content-type', 'application/json', false],
    ['content-type', 'text/plain; x="a"', false],
    ['accept', 'application/json', true],
    ['accept', 'text/html(', false],
    ['accept-language', 'en-US,en;q=0.9', true],
    ['accept-language', 'en_US', false],
    ['content-language', 'de', true],
    ['range', 'bytes=0-', true],
    ['range', 'bytes=0-499', true],
    ['range', 'bytes=-500', false],
    ['range', 'bytes=5-1', false],
    ['x-request-id', '1', false],
    ['accept', 'a'.repeat(129), false],
  ])('%s: %s is safelisted: %s', (name, value, expected) => {
    expect(isSafelistedRequestHeader(name, value)).toBe(expected);
  });

  test('a header without a value is not safelisted', () => {
    expect(isSafelistedRequestHeader('accept', undefined)).toBe(false);
  });

  test('unsafe names are lowercase, unique and sorted, and safelisted values over 1024 bytes in total make them all unsafe', () => {
    expect(corsUnsafeRequestHeaderNames(readScriptHeaders({ 'X-B': '1', 'x-a': '2', 'Content-Type': 'text/plain' }))).toEqual(['x-a', 'x-b']);
    const big = { accept: 'a'.repeat(120), 'accept-language': 'b'.repeat(120) };
    const many = readScriptHeaders(Array.from({ length: 9 }, (_, i) => `accept: ${'a'.repeat(120)}${i}`));
    expect(corsUnsafeRequestHeaderNames(readScriptHeaders(big))).toEqual([]);
    expect(corsUnsafeRequestHeaderNames(many)).toEqual(['accept']);
  });

  test('headers can be given as "Name: value" strings', () => {
    expect(readScriptHeaders(['Content-Type: application/json', 'X-Id'])).toEqual([{ name: 'content-type', value: 'application/json' }, { name: 'x-id' }]);
  });
});

describe('Fetch: CORS check', () => {
  test('* passes without credentials only', () => {
    expect(corsCheck({ 'Access-Control-Allow-Origin': '*' }, origin, false).ok).toBe(true);
    expect(corsCheck({ 'Access-Control-Allow-Origin': '*' }, origin, true)).toEqual({ ok: false, reason: expect.stringContaining('Access-Control-Allow-Origin is *') });
  });
  test('the origin must match byte for byte and credentials need exactly true', () => {
    expect(corsCheck({ 'access-control-allow-origin': origin }, origin, false).ok).toBe(true);
    expect(corsCheck({ 'Access-Control-Allow-Origin': 'https://App.example.com' }, origin, false).ok).toBe(false);
    expect(corsCheck({ 'Access-Control-Allow-Origin': origin }, origin, true)).toEqual({ ok: false, reason: expect.stringContaining('no Access-Control-Allow-Credentials') });
    expect(corsCheck({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'TRUE' }, origin, true).ok).toBe(false);
    expect(corsCheck({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' }, origin, true).ok).toBe(true);
  });
  test('a duplicated Access-Control-Allow-Origin fails', () => {
    expect(corsCheck({ 'Access-Control-Allow-Origin': `${origin}, ${origin}` }, origin, false)).toEqual({ ok: false, reason: expect.stringContaining('several values') });
  });
});

describe('Fetch: preflight check', () => {
  const base = { origin, method: 'PUT', headerNames: [], unsafeHeaderNames: [], credentials: false };
  test('needs an ok status', () => {
    expect(preflightCheck(403, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'PUT' }, base)).toEqual({ ok: false, reason: expect.stringContaining('403') });
  });
  test('* covers methods and headers only without credentials, and never Authorization', () => {
    const wildcard = { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Allow-Methods': '*', 'Access-Control-Allow-Headers': '*' };
    expect(preflightCheck(204, wildcard, { ...base, headerNames: ['x-a'], unsafeHeaderNames: ['x-a'] }).ok).toBe(true);
    expect(preflightCheck(204, wildcard, { ...base, credentials: true })).toEqual({ ok: false, reason: expect.stringContaining('does not list PUT (* is a literal method name') });
    expect(preflightCheck(204, { ...wildcard, 'Access-Control-Allow-Methods': 'PUT' }, { ...base, credentials: true, headerNames: ['x-a'], unsafeHeaderNames: ['x-a'] })).toEqual({ ok: false, reason: expect.stringContaining('does not list x-a (* is a literal header name') });
    expect(preflightCheck(204, wildcard, { ...base, headerNames: ['authorization'], unsafeHeaderNames: ['authorization'] })).toEqual({ ok: false, reason: expect.stringContaining('does not list authorization (* does not cover Authorization') });
  });
  test('an Access-Control-Allow-Methods that is not a token list fails', () => {
    expect(preflightCheck(204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET POST' }, base)).toEqual({ ok: false, reason: expect.stringContaining('not a list of method names') });
  });
});

describe('simulateCors: browser behaviour', () => {
  test('lowercase delete is normalized and allowed; lowercase patch is compared as written', () => {
    const del = simulateCors('http-api', httpApi, { origin, method: 'delete' });
    expect(del.allowed).toBe(true);
    expect(del.reasons[0]).toContain('normalizes the method delete to DELETE');
    const patch = simulateCors('http-api', { ...httpApi, allowMethods: ['PATCH'] }, { origin, method: 'patch' });
    expect(patch).toMatchObject({ allowed: false, failure: expect.stringContaining('Access-Control-Allow-Methods does not list patch') });
  });

  test('a simple request sends no preflight; a JSON body does', () => {
    const simple = simulateCors('http-api', httpApi, { origin, method: 'POST', headers: { 'Content-Type': 'text/plain' } });
    expect(simple.preflight).toEqual({ sent: false, allowed: true, responseHeaders: {} });
    expect(simple.allowed).toBe(true);
    const json = simulateCors('http-api', httpApi, { origin, method: 'POST', headers: { 'Content-Type': 'application/json' } });
    expect(json.preflight).toMatchObject({ sent: true, allowed: true, requestHeaders: ['content-type'] });
  });

  test('forbidden request headers are dropped and forbidden methods refused', () => {
    const cookie = simulateCors('http-api', httpApi, { origin, method: 'GET', headers: { Cookie: 'a=b' } });
    expect(cookie.preflight.sent).toBe(false);
    expect(cookie.reasons.join('\n')).toContain('scripts cannot set cookie');
    expect(simulateCors('http-api', httpApi, { origin, method: 'TRACE' })).toMatchObject({ allowed: false, failure: expect.stringContaining('forbidden method') });
  });

  test('a failed simple request names the blocked read, not the request', () => {
    const result = simulateCors('http-api', httpApi, { origin: 'https://evil.example', method: 'GET' });
    expect(result.allowed).toBe(false);
    expect(result.failure).toBe('the response has no Access-Control-Allow-Origin header');
    expect(result.reasons.join('\n')).toContain('still receives and processes the request');
  });

  test('exposed headers are reported when allowed', () => {
    const result = simulateCors('http-api', { ...httpApi, exposeHeaders: ['etag'] }, { origin, method: 'GET', credentials: true });
    expect(result.exposedHeaders).toEqual(['etag']);
  });
});
