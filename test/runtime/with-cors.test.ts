import { RUNTIME_POLICY_ENV, corsHeaders, readRuntimePolicy, withCors, CorsRuntimeConfigError, type CorsGeneratedResult, type RestApiProxyResult } from 'cors-constructs/runtime';
import { ANY_HEADER_WITH_CREDENTIALS, PUBLIC, SPA } from './fixtures/policies';
import { httpEvent, preflightHeaders, restEvent } from './fixtures/events';
import { recordHelperLogs } from './fixtures/console';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example';
const ok = async () => ({ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' });

const logs = recordHelperLogs();

describe('withCors: REST API (payload 1.0) events', () => {
  test('actual request from an allowed origin: handler result plus CORS headers', async () => {
    const handler = withCors(ok, { policy: SPA });
    const result = await handler(restEvent('GET', { Origin: APP }), {});
    expect(result).toEqual({
      statusCode: 200,
      headers: {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': APP,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Expose-Headers': 'etag,x-request-id',
        Vary: 'Origin',
      },
      body: '{"ok":true}',
    });
  });

  test('preflight reaching the function ({proxy+} ANY) is answered 204 without calling the handler', async () => {
    const inner = jest.fn(ok);
    const result = await withCors(inner, { policy: SPA })(restEvent('OPTIONS', preflightHeaders(APP, 'DELETE', 'authorization,content-type')), {});
    expect(inner).not.toHaveBeenCalled();
    expect(result).toEqual({
      statusCode: 204,
      headers: {
        'Access-Control-Allow-Origin': APP,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE',
        'Access-Control-Allow-Headers': 'content-type,authorization,x-request-id',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      },
      body: '',
    });
  });

  test('preflight from a disallowed origin: 204 without Access-Control-* headers, handler not called', async () => {
    const inner = jest.fn(ok);
    const result = await withCors(inner, { policy: SPA })(restEvent('OPTIONS', preflightHeaders(EVIL)), {});
    expect(inner).not.toHaveBeenCalled();
    expect(result).toEqual({ statusCode: 204, headers: { Vary: 'Origin' }, body: '' });
  });

  test('plain OPTIONS (no Access-Control-Request-Method) goes to the handler', async () => {
    const inner = jest.fn(async () => ({ statusCode: 200, headers: { Allow: 'GET, OPTIONS' }, body: '' }));
    const result = await withCors(inner, { policy: SPA })(restEvent('OPTIONS', { Origin: APP }), {});
    expect(inner).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ statusCode: 200, headers: { Allow: 'GET, OPTIONS', 'Access-Control-Allow-Origin': APP } });
  });

  test('origin only in multiValueHeaders, lowercase or uppercase names', async () => {
    const handler = withCors(ok, { policy: SPA });
    for (const name of ['origin', 'ORIGIN', 'Origin']) {
      const event = restEvent('GET', null, { multiValueHeaders: { [name]: [APP] } });
      expect(((await handler(event, {})) as RestApiProxyResult).headers?.['Access-Control-Allow-Origin']).toBe(APP);
    }
  });

  test('handler headers are kept; its Access-Control-* headers are replaced; Vary merged once, in any case', async () => {
    const inner = async (): Promise<RestApiProxyResult> => ({
      statusCode: 201,
      headers: { 'access-control-allow-origin': '*', 'ACCESS-CONTROL-ALLOW-METHODS': 'GET', vary: 'Accept-Encoding, origin', 'X-Trace': 'abc' },
      multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'], 'Access-Control-Expose-Headers': ['x-secret'], VARY: ['Accept'] },
      body: 'created',
    });
    const result = (await withCors(inner, { policy: SPA })(restEvent('POST', { Origin: APP }), {})) as RestApiProxyResult;
    expect(result.statusCode).toBe(201);
    expect(result.body).toBe('created');
    expect(result.multiValueHeaders).toEqual({ 'Set-Cookie': ['a=1', 'b=2'] });
    const { Vary: vary, ...rest } = result.headers ?? {};
    expect(rest).toEqual({
      'X-Trace': 'abc',
      'Access-Control-Allow-Origin': APP,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': 'etag,x-request-id',
    });
    // Vary lists field names, which are case-insensitive: one entry per name, whatever its case.
    expect(String(vary).toLowerCase()).toBe('origin, accept-encoding, accept');
    const names = [...Object.keys(result.headers ?? {}), ...Object.keys(result.multiValueHeaders ?? {})].map((name) => name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  test("a disallowed origin gets none of the handler's Access-Control-* headers either", async () => {
    const inner = async () => ({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': EVIL, 'Access-Control-Allow-Credentials': 'true' }, body: '' });
    const result = await withCors(inner, { policy: SPA })(restEvent('GET', { Origin: EVIL }), {});
    expect(result).toEqual({ statusCode: 200, headers: { Vary: 'Origin' }, body: '' });
  });

  test("the handler's result object is not modified", async () => {
    const original = { statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: '' };
    await withCors(async () => original, { policy: SPA })(restEvent('GET', { Origin: APP }), {});
    expect(original).toEqual({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: '' });
  });

  test('a handler that throws (async or not) gives a 500 with CORS headers; the message is logged, not sent', async () => {
    const secret = new Error('db password is hunter2');
    for (const inner of [async () => Promise.reject(secret), () => { throw secret; }]) {
      const result = await withCors(inner, { policy: SPA })(restEvent('GET', { Origin: APP }), {});
      expect(result).toEqual({
        statusCode: 500,
        headers: {
          'Access-Control-Allow-Origin': APP,
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Expose-Headers': 'etag,x-request-id',
          Vary: 'Origin',
          'Content-Type': 'application/json',
        },
        body: '{"message":"Internal Server Error"}',
      });
      expect(JSON.stringify(result)).not.toContain('hunter2');
    }
    expect(logs.errors).toHaveBeenCalledWith(expect.stringContaining('the handler threw'), secret);
  });

  test('a synchronous handler returning its result directly', async () => {
    const result = await withCors(() => ({ statusCode: 204, body: '' }), { policy: PUBLIC })(restEvent('DELETE', { origin: APP }), {});
    expect(result).toEqual({ statusCode: 204, body: '', headers: { 'Access-Control-Allow-Origin': '*' } });
  });

  test('a non-object result is passed on unchanged (API Gateway answers it with its 502 gateway response)', async () => {
    expect(await withCors(() => 'oops', { policy: SPA })(restEvent('GET', { Origin: APP }), {})).toBe('oops');
  });
});

describe('withCors: HTTP API (payload 2.0) events', () => {
  test('actual request: lowercase header names as HTTP APIs send them; cookies untouched', async () => {
    const inner = async () => ({ statusCode: 200, cookies: ['a=1'], headers: { 'content-type': 'text/plain', Vary: 'accept' }, body: 'hi' });
    const result = await withCors(inner, { policy: SPA })(httpEvent('GET', { origin: APP, accept: '*/*' }), {});
    expect(result).toEqual({
      statusCode: 200,
      cookies: ['a=1'],
      headers: {
        'content-type': 'text/plain',
        'Access-Control-Allow-Origin': APP,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Expose-Headers': 'etag,x-request-id',
        Vary: 'Origin, accept',
      },
      body: 'hi',
    });
  });

  test('preflight through an ANY /{proxy+} route', async () => {
    const inner = jest.fn(ok);
    const event = httpEvent('OPTIONS', { origin: 'https://app.example.com', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'x-custom' });
    const result = await withCors(inner, { policy: ANY_HEADER_WITH_CREDENTIALS })(event, {});
    expect(inner).not.toHaveBeenCalled();
    expect(result).toEqual({
      statusCode: 204,
      headers: {
        'Access-Control-Allow-Origin': APP,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'GET,PUT',
        'Access-Control-Allow-Headers': 'x-custom',
        Vary: 'Origin, Access-Control-Request-Headers',
      },
      body: '',
    });
  });

  test('a result without statusCode becomes the 200 JSON response API Gateway would infer, with CORS headers', async () => {
    for (const [value, body] of [[{ items: [1] }, '{"items":[1]}'], ['hello', '"hello"'], [[1, 2], '[1,2]'], [undefined, 'null']] as const) {
      const result = await withCors(async () => value, { policy: SPA })(httpEvent('GET', { origin: APP }), {});
      expect(result).toEqual({
        statusCode: 200,
        headers: {
          'Access-Control-Allow-Origin': APP,
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Expose-Headers': 'etag,x-request-id',
          Vary: 'Origin',
          'Content-Type': 'application/json',
        },
        body,
      });
    }
  });

  test('no headers at all (absent or null)', async () => {
    const handler = withCors(ok, { policy: SPA });
    expect(await handler(httpEvent('GET', undefined), {})).toMatchObject({ statusCode: 200, headers: { Vary: 'Origin' } });
    expect(await handler(httpEvent('GET', undefined, { headers: null }), {})).toMatchObject({ statusCode: 200, headers: { Vary: 'Origin' } });
  });
});

describe('withCors: malformed events', () => {
  test.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['an empty object', {}],
    ['a string', 'GET /'],
    ['headers as an array', { httpMethod: 'GET', headers: [APP] }],
    ['non-string header values', { httpMethod: 'GET', headers: { Origin: 42 }, multiValueHeaders: { Origin: [null, {}] } }],
    ['requestContext.http without method', { requestContext: { http: {} }, headers: { origin: EVIL } }],
  ])('%s: the handler runs and no origin is reflected', async (_what, event) => {
    const inner = jest.fn(ok);
    const result = await withCors(inner, { policy: SPA })(event as never, {});
    expect(inner).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ statusCode: 200, headers: { Vary: 'Origin' } });
    expect(JSON.stringify(result)).not.toContain('Access-Control-Allow-Origin');
  });
});

describe('withCors: the policy from CORS_CONSTRUCTS_POLICY', () => {
  test('the variable name is the contract with bindToFunction', () => {
    expect(RUNTIME_POLICY_ENV).toBe('CORS_CONSTRUCTS_POLICY');
  });

  test('read lazily at the first invocation, then once', async () => {
    const handler = withCors(ok);
    process.env[RUNTIME_POLICY_ENV] = JSON.stringify(SPA);
    const parse = jest.spyOn(JSON, 'parse');
    try {
      expect(await handler(restEvent('GET', { Origin: APP }), {})).toMatchObject({ headers: { 'Access-Control-Allow-Origin': APP } });
      process.env[RUNTIME_POLICY_ENV] = JSON.stringify(PUBLIC);
      expect(await handler(restEvent('GET', { Origin: APP }), {})).toMatchObject({ headers: { 'Access-Control-Allow-Origin': APP } });
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  test.each([
    ['missing', undefined, /CORS_CONSTRUCTS_POLICY is not set: bind a policy with cors\.bindToFunction\(fn\)/],
    ['empty', '', /CORS_CONSTRUCTS_POLICY is not set/],
    ['not JSON', '{allowOrigins:', /CORS_CONSTRUCTS_POLICY is not a normalized CORS policy: not JSON/],
    ['not a policy', '[]', /CORS_CONSTRUCTS_POLICY is not a normalized CORS policy: not an object/],
    ['no origin list', JSON.stringify({ ...SPA, allowOrigins: 'https://app.example.com' }), /CORS_CONSTRUCTS_POLICY is not a normalized CORS policy: allowOrigins/],
    ['an empty origin list', JSON.stringify({ ...SPA, allowOrigins: [] }), /CORS_CONSTRUCTS_POLICY is not a normalized CORS policy: allowOrigins/],
    ['a method list that is not a list', JSON.stringify({ ...SPA, allowMethods: 'GET' }), /CORS_CONSTRUCTS_POLICY is not a normalized CORS policy: allowMethods/],
  ])('%s: a clear logged error naming the variable, a 500 that reflects no origin, the handler not called', async (_what, value, message) => {
    if (value !== undefined) process.env[RUNTIME_POLICY_ENV] = value;
    const inner = jest.fn(ok);
    const handler = withCors(inner);
    for (let i = 0; i < 2; i++) {
      const result = await handler(restEvent('GET', { Origin: APP }), {});
      expect(result).toEqual({ statusCode: 500, headers: { Vary: 'Origin', 'Content-Type': 'application/json' }, body: '{"message":"Internal Server Error"}' });
    }
    expect(inner).not.toHaveBeenCalled();
    expect(logs.errors).toHaveBeenCalledTimes(2);
    expect(logs.errors.mock.calls[0]![0]).toMatch(message);
  });

  test.each([
    ['a trailing slash', 'https://admin.example.com/', "'https://admin.example.com/' is not canonical"],
    ['upper case', 'https://ADMIN.example.com', "'https://ADMIN.example.com' is not canonical"],
    ['a non-string entry', 42, "'42' is not canonical"],
    ['* with credentials', '*', "'*' with credentials"],
  ])('a deployed origin entry with %s is dropped and logged once; the other entries are served', async (_what, bad, problem) => {
    process.env[RUNTIME_POLICY_ENV] = JSON.stringify({ ...SPA, allowOrigins: [bad, APP] });
    const inner = jest.fn(ok);
    const handler = withCors(inner);
    for (let i = 0; i < 2; i++) {
      expect(await handler(restEvent('GET', { Origin: APP }), {})).toMatchObject({ statusCode: 200, headers: { 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } });
      expect(await handler(restEvent('OPTIONS', preflightHeaders(APP, 'PUT', 'content-type')), {})).toMatchObject({ statusCode: 204, headers: { 'Access-Control-Allow-Origin': APP } });
      const other = await handler(restEvent('GET', { Origin: 'https://admin.example.com' }), {});
      expect(other).toMatchObject({ statusCode: 200 });
      expect((other as RestApiProxyResult).headers).not.toHaveProperty('Access-Control-Allow-Origin');
    }
    expect(inner).toHaveBeenCalledTimes(4);
    expect(logs.errors).toHaveBeenCalledTimes(1);
    expect(logs.errors.mock.calls[0]![0]).toBe(`cors-constructs/runtime: the environment variable CORS_CONSTRUCTS_POLICY: ignored allowOrigins ${problem}`);
  });

  test('when every deployed origin is dropped, requests are served without CORS headers (never 500)', async () => {
    process.env[RUNTIME_POLICY_ENV] = JSON.stringify({ ...SPA, allowOrigins: ['https://app.example.com/', 'app.example.com'] });
    const inner = jest.fn(ok);
    const result = await withCors(inner)(restEvent('GET', { Origin: APP }), {});
    expect(result).toMatchObject({ statusCode: 200, headers: { Vary: 'Origin' } });
    expect((result as RestApiProxyResult).headers).not.toHaveProperty('Access-Control-Allow-Origin');
    expect(inner).toHaveBeenCalledTimes(1);
    expect(logs.errors).toHaveBeenCalledTimes(2);
  });

  test('readRuntimePolicy returns a deployed policy with a bad origin entry (logged), for your own middleware', () => {
    const policy = readRuntimePolicy({ [RUNTIME_POLICY_ENV]: JSON.stringify({ ...SPA, allowOrigins: ['https://app.example.com/', APP] }) });
    expect(policy.allowOrigins).toEqual(['https://app.example.com/', APP]);
    expect(corsHeaders(policy, { Origin: APP })).toMatchObject({ 'Access-Control-Allow-Origin': APP });
    expect(logs.errors).toHaveBeenCalledTimes(1);
  });

  test('an explicit policy that is not normalized fails at wrap time (cold start), not per request', () => {
    expect(() => withCors(ok, { policy: { ...SPA, allowOrigins: ['app.example.com'] } })).toThrow(CorsRuntimeConfigError);
    expect(() => withCors(ok, { policy: { ...SPA, allowOrigins: ['app.example.com'] } })).toThrow(/the policy passed in code is not a normalized CORS policy/);
  });
});

// Issue 15: a deploy-time value (e.g. a CfnParameter origin, which synthesizes with one unresolved-token
// warning) reaches the helper unchecked; it must refuse what the validator rejects.
describe('withCors refuses what the validator rejects (issue 15)', () => {
  afterEach(() => {
    delete process.env[RUNTIME_POLICY_ENV];
  });
  const base = { allowMethods: ['GET', 'PUT'], allowHeaders: [], exposeHeaders: [], allowCredentials: true };
  const preflight = (origin: string) => ({ httpMethod: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT' } });

  test.each([
    ['null with credentials', ['null'], 'null'],
    ['a Fetch bad port', ['http://localhost:6000'], 'http://localhost:6000'],
    ['port 0', ['http://localhost:0'], 'http://localhost:0'],
    ['a label over 63 characters', [`https://${'a'.repeat(64)}.example.com`], `https://${'a'.repeat(64)}.example.com`],
    ['a pattern whose base leaves no room for a label', [`https://*.${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.c`], `https://x.${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.c`],
  ])('a deployed origin entry with %s is dropped and logged, never echoed', async (_what, allowOrigins, origin) => {
    process.env[RUNTIME_POLICY_ENV] = JSON.stringify({ ...base, allowOrigins: [...allowOrigins, 'https://app.example.com'] });
    const handler = withCors(async () => ({ statusCode: 200, body: '' }));
    const result = (await handler(preflight(origin), {})) as CorsGeneratedResult;
    expect(result.statusCode).toBe(204);
    expect(result.headers).not.toHaveProperty('Access-Control-Allow-Origin');
    expect(logs.errors).toHaveBeenCalledWith(expect.stringContaining(`ignored allowOrigins '${allowOrigins[0]}'`));
    const allowed = (await handler(preflight('https://app.example.com'), {})) as CorsGeneratedResult;
    expect(allowed.headers['Access-Control-Allow-Origin']).toBe('https://app.example.com');
  });

  test('null without credentials is a warning in the validator, and served', async () => {
    process.env[RUNTIME_POLICY_ENV] = JSON.stringify({ ...base, allowCredentials: false, allowOrigins: ['null'] });
    const result = (await withCors(async () => ({ statusCode: 200, body: '' }))(preflight('null'), {})) as CorsGeneratedResult;
    expect(result.headers['Access-Control-Allow-Origin']).toBe('null');
  });

  test('TRACE and a method that is not a token are dropped; * exposed with credentials is dropped; the rest is served', async () => {
    process.env[RUNTIME_POLICY_ENV] = JSON.stringify({ ...base, allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'TRACE', 'connect', 'PUT', 'P"T'], exposeHeaders: ['*', 'etag'] });
    const handler = withCors(async () => ({ statusCode: 200, body: '' }));
    const pre = (await handler(preflight('https://app.example.com'), {})) as CorsGeneratedResult;
    expect(pre.headers['Access-Control-Allow-Methods']).toBe('GET,PUT');
    const actual = (await handler({ httpMethod: 'GET', headers: { Origin: 'https://app.example.com' } }, {})) as CorsGeneratedResult;
    expect(actual.headers['Access-Control-Expose-Headers']).toBe('etag');
    expect(logs.errors.mock.calls.map((call) => call[0])).toEqual([
      expect.stringContaining("ignored allowMethods 'TRACE'"),
      expect.stringContaining("ignored allowMethods 'connect'"),
      expect.stringContaining(`ignored allowMethods 'P"T'`),
      expect.stringContaining("ignored exposeHeaders '*'"),
    ]);
  });

  test.each([
    [{ allowOrigins: ['null'] }, /allowOrigins 'null' with credentials/],
    [{ allowOrigins: ['http://localhost:6000'] }, /allowOrigins 'http:\/\/localhost:6000'/],
    [{ allowOrigins: ['https://app.example.com'], allowMethods: ['TRACE'] }, /allowMethods 'TRACE'/],
    [{ allowOrigins: ['https://app.example.com'], exposeHeaders: ['*'] }, /exposeHeaders '\*'/],
  ])('a policy passed in code with %j throws CorsRuntimeConfigError', (fields, message) => {
    expect(() => withCors(async () => ({ statusCode: 200, body: '' }), { policy: { ...base, ...fields } })).toThrow(message);
  });

  test("'*' methods with credentials (a warning: the literal method '*') is served as the policy holds it", async () => {
    process.env[RUNTIME_POLICY_ENV] = JSON.stringify({ ...base, allowOrigins: ['https://app.example.com'], allowMethods: ['*'] });
    const result = (await withCors(async () => ({ statusCode: 200, body: '' }))(preflight('https://app.example.com'), {})) as CorsGeneratedResult;
    expect(result.headers['Access-Control-Allow-Methods']).toBe('*');
  });
});
