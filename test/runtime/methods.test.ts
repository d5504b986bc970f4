import { normalizeCorsPolicyUnchecked, validateCorsPolicy } from 'cors-constructs';
import { RUNTIME_POLICY_ENV, withCors, type CorsGeneratedResult, type NormalizedCorsPolicy } from 'cors-constructs/runtime';
import { recordHelperLogs } from './fixtures/console';

// `method-not-normalized` (lib/core/rules/methods.ts): browsers uppercase DELETE, GET, HEAD, OPTIONS,
// POST and PUT (Fetch, "normalize a method", https://fetch.spec.whatwg.org/#concept-method-normalize)
// and compare Access-Control-Allow-Methods byte for byte, so a deploy-time `put` sent as written never
// matches. The helper sends the methods as the normalized policy holds them.
const APP = 'https://app.example.com';
const policy = (allowMethods: readonly string[]): NormalizedCorsPolicy => ({
  allowOrigins: [APP], allowMethods, allowHeaders: [], exposeHeaders: [], allowCredentials: false,
});
const allowMethods = async (handler: ReturnType<typeof withCors>) =>
  ((await handler({ httpMethod: 'OPTIONS', headers: { Origin: APP, 'Access-Control-Request-Method': 'PUT' } }, {})) as CorsGeneratedResult).headers['Access-Control-Allow-Methods'];

const logs = recordHelperLogs();

describe('methods are sent as the normalized policy holds them', () => {
  test.each([
    [['get', 'put', 'delete'], 'GET,PUT,DELETE'],
    [['put', 'PUT', 'Put'], 'PUT'],
    [['Patch', 'patch', 'PATCH'], 'Patch,patch,PATCH'],
    [['options', 'head', 'post', 'custom'], 'OPTIONS,HEAD,POST,custom'],
  ])('%j: %s, deployed or in code, as normalizeCorsPolicy writes it', async (methods, expected) => {
    expect(normalizeCorsPolicyUnchecked(policy(methods)).allowMethods.join(',')).toBe(expected);
    process.env[RUNTIME_POLICY_ENV] = JSON.stringify(policy(methods));
    expect(await allowMethods(withCors(async () => ({ statusCode: 200, body: '' })))).toBe(expected);
    expect(await allowMethods(withCors(async () => ({ statusCode: 200, body: '' }), { policy: policy(methods) }))).toBe(expected);
    expect(logs.errors).not.toHaveBeenCalled();
  });

  test.each([' GET', 'GET ', 'GET,PUT'])('%j, a method-invalid error in the validator, is dropped and logged, the rest served', async (method) => {
    expect(validateCorsPolicy({ allowOrigins: [APP], allowMethods: [method, 'PUT'] }).filter((d) => d.severity === 'error').map((d) => d.rule)).toEqual(['method-invalid']);
    process.env[RUNTIME_POLICY_ENV] = JSON.stringify(policy([method, 'put']));
    expect(await allowMethods(withCors(async () => ({ statusCode: 200, body: '' })))).toBe('PUT');
    expect(logs.errors).toHaveBeenCalledWith(`cors-constructs/runtime: the environment variable CORS_CONSTRUCTS_POLICY: ignored allowMethods '${method}'`);
    expect(() => withCors(async () => ({ statusCode: 200, body: '' }), { policy: policy([method]) })).toThrow(`allowMethods '${method}'`);
  });
});
