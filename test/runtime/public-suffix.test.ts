import { normalizeCorsPolicyUnchecked, validateCorsPolicy } from 'cors-constructs';
import { CorsRuntimeConfigError, RUNTIME_POLICY_ENV, withCors, type CorsGeneratedResult, type CorsProxyEvent, type NormalizedCorsPolicy } from 'cors-constructs/runtime';
import * as publicSuffix from '../../lib/core/public-suffix';
import { compilePolicy } from '../../lib/runtime/policy';
import { recordHelperLogs } from './fixtures/console';

// Issue 15, item 1: a deploy-time origin (CfnParameter, Terraform variable) synthesizes with an
// unresolved-token warning only, so `https://*.com` with credentials reached the helper, which then
// echoed https://attacker.com with credentials. The helper refuses it with the validator's predicate.
const APP = 'https://app.example.com';
const policy = (allowOrigins: readonly string[], allowCredentials: boolean): NormalizedCorsPolicy => ({
  allowOrigins, allowMethods: ['GET', 'PUT'], allowHeaders: [], exposeHeaders: [], allowCredentials,
});
const preflight = (origin: string) => ({ httpMethod: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT' } });
const served = async (handler: (event: CorsProxyEvent, context: unknown) => Promise<unknown>, origin: string) =>
  ((await handler(preflight(origin), {})) as CorsGeneratedResult).headers;

const logs = recordHelperLogs();
afterEach(() => jest.restoreAllMocks());

const REFUSED = [
  ['https://*.com', 'attacker.com', "'https://*.com' matches every site under the public suffix 'com', so anyone can register a matching origin and read credentialed responses. Use a domain you own, e.g. 'https://*.example.com', or list exact origins."],
  ['https://*.github.io', 'attacker.github.io', "'https://*.github.io' matches every site under the public suffix 'github.io', so anyone can register a matching origin and read credentialed responses. Use a domain you own, e.g. 'https://*.example.com', or list exact origins."],
  ['https://*.amazonaws.com', 'attacker.s3.amazonaws.com', "'https://*.amazonaws.com' covers public suffixes below 'amazonaws.com' (Public Suffix List, e.g. hosting or cloud endpoints), where anyone can create a matching origin and read credentialed responses. List the exact origins instead."],
  ['https://*.co.uk', 'attacker.co.uk', "'https://*.co.uk' matches every site under the public suffix 'co.uk', so anyone can register a matching origin and read credentialed responses. Use a domain you own, e.g. 'https://*.example.com', or list exact origins."],
] as const;

describe('a public-suffix pattern with credentials is refused (origin-pattern-public-suffix)', () => {
  test.each(REFUSED)('deployed %s: dropped and logged once, never echoed; the other entries are served', async (pattern, attacker, reason) => {
    process.env[RUNTIME_POLICY_ENV] = JSON.stringify(policy([pattern, APP], true));
    const handler = withCors(async () => ({ statusCode: 200, body: '' }));
    for (let i = 0; i < 2; i++) {
      expect(await served(handler, `https://${attacker}`)).not.toHaveProperty('Access-Control-Allow-Origin');
      expect(await served(handler, APP)).toMatchObject({ 'Access-Control-Allow-Origin': APP, 'Access-Control-Allow-Credentials': 'true' });
    }
    expect(logs.errors.mock.calls).toEqual([[
      `cors-constructs/runtime: the environment variable CORS_CONSTRUCTS_POLICY: ignored allowOrigins with credentials (origin-pattern-public-suffix): ${reason}`,
    ]]);
  });

  test.each(REFUSED)('passed in code, %s throws CorsRuntimeConfigError with the rule id', (pattern, _attacker, reason) => {
    const wrap = () => withCors(async () => ({ statusCode: 200, body: '' }), { policy: policy([APP, pattern], true) });
    expect(wrap).toThrow(CorsRuntimeConfigError);
    expect(wrap).toThrow(`the policy passed in code is not a normalized CORS policy: allowOrigins with credentials (origin-pattern-public-suffix): ${reason}`);
  });

  test.each(REFUSED)('without credentials %s is served (a warning in the validator: it grants nothing * does not)', async (pattern, attacker) => {
    process.env[RUNTIME_POLICY_ENV] = JSON.stringify(policy([pattern], false));
    const headers = await served(withCors(async () => ({ statusCode: 200, body: '' })), `https://${attacker}`);
    expect(headers['Access-Control-Allow-Origin']).toBe(`https://${attacker}`);
    expect(headers).not.toHaveProperty('Access-Control-Allow-Credentials');
    expect(() => withCors(async () => ({ statusCode: 200, body: '' }), { policy: policy([pattern], false) })).not.toThrow();
    expect(logs.errors).not.toHaveBeenCalled();
  });

  test('https://*.example.com with credentials is served, deployed or in code', async () => {
    process.env[RUNTIME_POLICY_ENV] = JSON.stringify(policy(['https://*.example.com'], true));
    for (const handler of [withCors(async () => ({ statusCode: 200, body: '' })), withCors(async () => ({ statusCode: 200, body: '' }), { policy: policy(['https://*.example.com'], true) })]) {
      expect(await served(handler, 'https://a.example.com')).toMatchObject({ 'Access-Control-Allow-Origin': 'https://a.example.com', 'Access-Control-Allow-Credentials': 'true' });
    }
    expect(logs.errors).not.toHaveBeenCalled();
  });
});

describe('the runtime and the validator decide with the same predicate', () => {
  const PATTERNS = [
    'https://*.com', 'https://*.com.', 'https://*.github.io', 'https://*.myapp.github.io', 'https://*.amazonaws.com', 'https://*.s3.amazonaws.com',
    'https://*.execute-api.us-east-1.amazonaws.com', 'https://*.abc123.execute-api.us-east-1.amazonaws.com', 'https://*.on.aws', 'https://*.lambda-url.us-east-1.on.aws',
    'https://*.cloudfront.net', 'https://*.d111111abcdef8.cloudfront.net', 'https://*.co.uk', 'https://*.example.co.uk', 'https://*.example.com', 'https://*.ck',
    'https://*.x.ck', 'https://*.www.ck', 'https://*.kawasaki.jp', 'https://*.city.kawasaki.jp', 'https://*.vercel.app', 'https://*.pages.dev', 'https://*.xn--p1ai',
    'https://*.test', 'https://*.internal', 'http://*.localhost:3000', 'https://*.example.com:8443', 'https://app.example.com', 'https://com',
  ];

  test.each([true, false])(`on ${PATTERNS.length} entries with allowCredentials: %s, the runtime refuses exactly the origin-pattern-public-suffix errors`, (credentials) => {
    const verdicts = PATTERNS.map((pattern) => {
      const core = validateCorsPolicy({ allowOrigins: [pattern], allowCredentials: credentials })
        .some((d) => d.rule === 'origin-pattern-public-suffix' && d.severity === 'error');
      let runtime = false;
      try {
        compilePolicy(normalizeCorsPolicyUnchecked({ allowOrigins: [pattern], allowCredentials: credentials }), 'the policy passed in code');
      } catch (error) {
        runtime = /origin-pattern-public-suffix/.test((error as Error).message);
      }
      return [pattern, core, runtime];
    });
    expect(verdicts.filter(([, core, runtime]) => core !== runtime)).toEqual([]);
    // Not vacuous: with credentials both verdicts occur; without, nothing is refused.
    expect(verdicts.filter(([, core]) => core).length).toBe(credentials ? 16 : 0);
  });

  test("the runtime calls the core's publicSuffixReach, only for a credentialed policy", () => {
    const reach = jest.spyOn(publicSuffix, 'publicSuffixReach');
    compilePolicy(policy(['https://*.example.com', APP], false), 'the policy passed in code');
    expect(reach).not.toHaveBeenCalled();
    compilePolicy(policy(['https://*.example.com', APP], true), 'the policy passed in code');
    expect(reach.mock.calls.map(([origin]) => origin.raw)).toEqual(['https://*.example.com', APP]);
  });

  test('the Public Suffix List is decoded only when a credentialed policy holds a subdomain pattern, then once', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const trie = require('../../lib/core/suffix-trie') as typeof import('../../lib/core/suffix-trie');
      const decode = jest.spyOn(trie, 'decodeSuffixTrie');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { compilePolicy: compile } = require('../../lib/runtime/policy') as typeof import('../../lib/runtime/policy');
      compile(policy(['https://*.example.com', 'https://*.com'], false), 'code');
      compile(policy([APP, 'http://localhost:3000'], true), 'code');
      expect(decode).not.toHaveBeenCalled();
      compile(policy(['https://*.example.com'], true), 'code');
      compile(policy(['https://*.example.org'], true), 'code');
      // The rules and the exception rules, once each.
      expect(decode).toHaveBeenCalledTimes(2);
    });
  });
});
