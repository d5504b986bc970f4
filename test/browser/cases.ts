import {
  CORS_TARGETS,
  normalizeCorsPolicy,
  renderCloudFrontCors,
  renderFunctionUrlCors,
  renderHttpApiCors,
  renderRestApiCors,
  renderS3CorsRule,
  validateCorsPolicy,
  type CorsPolicyProps,
  type CorsTarget,
} from '../../lib/core';
import type { SimulateCorsOptions, SimulationConfigs } from '../../lib/core/simulate/types';
import type { PageOriginName, PageOrigins } from './page-server';

/**
 * The conformance matrix: scenarios (a policy rendered for each target it is valid on, or a
 * hand-written target configuration) crossed with the requests a script makes. Every case is one
 * `fetch()` from one page origin; the model (`simulateCors`) and Chromium must agree on it.
 */

/** What the page's script does. */
export interface ScriptRequest {
  /** Short id, unique within the scenario. */
  readonly id: string;
  /** The page origin the script runs on. */
  readonly page: PageOriginName;
  /** The method as the script writes it (`'patch'` stays lowercase on the wire; `'delete'` becomes DELETE). */
  readonly method: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** `credentials: 'include'` when true, `'omit'` otherwise. */
  readonly credentials: boolean;
  readonly body?: string;
}

/** One scenario: a configuration per target and the requests made against it. */
interface Scenario {
  readonly id: string;
  readonly title: string;
  /** A policy, rendered by the library's renderers for each of `targets` (each must be valid there). */
  readonly policy?: (o: PageOrigins) => CorsPolicyProps;
  readonly targets?: readonly CorsTarget[];
  /** Hand-written target configurations (what a template not made by this library may hold). */
  readonly raw?: { readonly [T in CorsTarget]?: (o: PageOrigins) => SimulationConfigs[T] };
  /** Facts beyond the configuration, per target. */
  readonly options?: (o: PageOrigins) => { readonly [T in CorsTarget]?: SimulateCorsOptions };
  readonly requests: readonly ScriptRequest[];
}

/** One cell of the matrix. */
export interface ConformanceCase {
  /** `<target>.<scenario>.<request>`: unique, URL-safe. */
  readonly id: string;
  readonly target: CorsTarget;
  readonly scenario: string;
  readonly scenarioTitle: string;
  /** Whether the configuration was rendered from a policy by the library or written by hand. */
  readonly source: 'rendered' | 'hand-written';
  readonly policy?: CorsPolicyProps;
  readonly config: SimulationConfigs[CorsTarget];
  readonly options: SimulateCorsOptions;
  readonly request: ScriptRequest;
}

/** Response headers the API adds to every actual response, as the application behind the target would. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'X-Request-Id': 'req-1',
  'X-Amz-Meta-Tag': 'tag-1',
  'X-Hidden': 'hidden-1',
  'Content-Language': 'en',
  'Set-Cookie': 'conformance=1; Path=/',
};

/** The response headers the page reads with `response.headers.get` after every allowed request. */
export const PROBE_HEADERS: readonly string[] = ['x-request-id', 'x-amz-meta-tag', 'x-hidden', 'content-language', 'set-cookie', 'access-control-allow-origin'];

// Requests, by what they exercise.
const get = (id: string, page: PageOriginName, credentials = false): ScriptRequest => ({ id, page, method: 'GET', credentials });
const method = (id: string, page: PageOriginName, m: string, credentials = false, headers?: Record<string, string>): ScriptRequest => ({
  id, page, method: m, credentials, ...(headers ? { headers } : {}),
});
const withHeaders = (id: string, page: PageOriginName, headers: Record<string, string>, credentials = false, m = 'GET'): ScriptRequest => ({ id, page, method: m, headers, credentials });
const JSON_BODY = { 'Content-Type': 'application/json' };
const AUTH = { Authorization: 'Bearer token-1' };
const API_KEY = { 'X-Api-Key': 'key-1' };
const CUSTOM = { 'X-Custom': 'custom-1' };

const ALL: readonly CorsTarget[] = CORS_TARGETS;
const NOT_S3: readonly CorsTarget[] = ['rest-api', 'http-api', 'function-url', 'cloudfront'];
const PATTERN_TARGETS: readonly CorsTarget[] = ['rest-api', 's3', 'cloudfront'];

/** REST API actual responses come from a Lambda proxy; unless a scenario says otherwise it uses the runtime helper. */
const REST_WITH_HELPER: SimulateCorsOptions = { runtimeHelper: true };

const SCENARIOS: readonly Scenario[] = [
  {
    id: 'exact-default',
    title: 'one exact origin, default methods (GET, HEAD)',
    policy: (o) => ({ allowOrigins: [o.app] }),
    requests: [
      get('get', 'app'),
      get('get-other-origin', 'other'),
      get('get-subdomain-origin', 'sub'),
      method('head', 'app', 'HEAD'),
      { id: 'post-text', page: 'app', method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello', credentials: false },
      get('get-credentials', 'app', true),
      method('put', 'app', 'PUT'),
      withHeaders('x-custom', 'app', CUSTOM),
    ],
  },
  {
    id: 'exact-credentials',
    title: 'one exact origin with credentials, listed methods, headers and exposed header, max age',
    policy: (o) => ({
      allowOrigins: [o.app],
      allowCredentials: true,
      allowMethods: ['GET', 'PUT', 'DELETE', 'POST'],
      allowHeaders: ['content-type', 'x-api-key'],
      exposeHeaders: ['x-request-id'],
      maxAgeSeconds: 600,
    }),
    requests: [
      get('get-credentials', 'app', true),
      get('get', 'app'),
      { id: 'put-json-credentials', page: 'app', method: 'PUT', headers: JSON_BODY, body: '{}', credentials: true },
      method('delete-lowercase-credentials', 'app', 'delete', true),
      withHeaders('x-api-key-credentials', 'app', API_KEY, true),
      withHeaders('x-custom-credentials', 'app', CUSTOM, true),
      withHeaders('authorization-credentials', 'app', AUTH, true),
      get('get-credentials-other-origin', 'other', true),
      method('patch-credentials', 'app', 'PATCH', true),
    ],
  },
  {
    id: 'several-origins',
    title: 'three exact origins, Authorization and X-Api-Key listed',
    policy: (o) => ({
      allowOrigins: [o.app, o.alt, o.sub],
      allowMethods: ['GET', 'POST', 'PUT'],
      allowHeaders: ['authorization', 'x-api-key'],
      exposeHeaders: ['x-amz-meta-tag'],
    }),
    requests: [
      get('get-first', 'app'),
      get('get-second', 'alt'),
      get('get-third', 'sub'),
      get('get-unlisted', 'other'),
      get('get-unlisted-deeper', 'deep'),
      method('put-authorization', 'alt', 'PUT', false, AUTH),
      withHeaders('x-api-key', 'sub', API_KEY),
      withHeaders('x-custom', 'alt', CUSTOM),
      { id: 'post-json', page: 'app', method: 'POST', headers: JSON_BODY, body: '{}', credentials: false },
      get('get-credentials', 'alt', true),
    ],
  },
  {
    id: 'several-origins-credentials',
    title: 'two exact origins with credentials, PATCH and DELETE, Authorization listed',
    targets: NOT_S3,
    policy: (o) => ({
      allowOrigins: [o.app, o.other],
      allowCredentials: true,
      allowMethods: ['GET', 'PATCH', 'DELETE'],
      allowHeaders: ['authorization', 'content-type'],
    }),
    requests: [
      method('patch-credentials', 'app', 'PATCH', true),
      method('patch-lowercase-credentials', 'app', 'patch', true),
      method('patch-second-origin-credentials', 'other', 'PATCH', true),
      method('delete-credentials', 'other', 'DELETE', true),
      withHeaders('authorization-credentials', 'app', AUTH, true),
      withHeaders('authorization-json-credentials', 'other', { ...AUTH, ...JSON_BODY }, true, 'PATCH'),
      method('patch-unlisted-origin', 'alt', 'PATCH', true),
      get('get-unlisted-origin', 'sub', true),
    ],
  },
  {
    id: 'any-origin',
    title: "'*' origin, GET and PUT, one exposed header",
    policy: () => ({ allowOrigins: ['*'], allowMethods: ['GET', 'PUT'], exposeHeaders: ['x-request-id'] }),
    requests: [
      get('get', 'other'),
      get('get-deep', 'deep'),
      method('put', 'alt', 'PUT'),
      method('delete', 'app', 'DELETE'),
      get('get-credentials', 'app', true),
      withHeaders('x-custom', 'app', CUSTOM),
      method('head', 'sub', 'HEAD'),
    ],
  },
  {
    id: 'any-everything',
    title: "'*' origin, methods, headers and exposed headers, no credentials",
    policy: () => ({ allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'], exposeHeaders: ['*'] }),
    requests: [
      get('get', 'app'),
      method('patch', 'other', 'PATCH'),
      method('patch-lowercase', 'app', 'patch'),
      method('delete', 'sub', 'DELETE'),
      withHeaders('x-custom', 'app', CUSTOM),
      withHeaders('authorization', 'app', AUTH),
      withHeaders('authorization-and-custom', 'alt', { ...AUTH, ...CUSTOM }),
      get('get-credentials', 'app', true),
      withHeaders('x-custom-credentials', 'app', CUSTOM, true),
    ],
  },
  {
    id: 'subdomain-pattern',
    title: 'pattern http://*.localhost:<port>',
    targets: PATTERN_TARGETS,
    policy: (o) => ({ allowOrigins: [o.app.replace('127.0.0.1', '*.localhost')] }),
    requests: [
      get('get-one-label', 'sub'),
      get('get-two-labels', 'deep'),
      get('get-bare-domain', 'other'),
      get('get-ip', 'app'),
      get('get-other-ip', 'alt'),
      method('head-one-label', 'sub', 'HEAD'),
    ],
  },
  {
    id: 'subdomain-pattern-credentials',
    title: 'pattern http://*.localhost:<port> with credentials, PUT, X-Api-Key',
    targets: PATTERN_TARGETS,
    policy: (o) => ({
      allowOrigins: [o.app.replace('127.0.0.1', '*.localhost')],
      allowCredentials: true,
      allowMethods: ['GET', 'PUT'],
      allowHeaders: ['x-api-key'],
      exposeHeaders: ['x-request-id'],
    }),
    requests: [
      get('get-credentials', 'sub', true),
      method('put-credentials', 'deep', 'PUT', true),
      withHeaders('x-api-key-credentials', 'sub', API_KEY, true),
      get('get-bare-domain-credentials', 'other', true),
      method('put-ip-credentials', 'app', 'PUT', true),
    ],
  },
  {
    id: 'port-pattern',
    title: 'pattern http://localhost:*',
    targets: ['rest-api', 's3'],
    policy: () => ({ allowOrigins: ['http://localhost:*'], allowMethods: ['GET', 'DELETE'] }),
    requests: [get('get', 'other'), method('delete', 'other', 'DELETE'), get('get-ip', 'app'), get('get-subdomain', 'sub')],
  },
  {
    id: 'scheme-pattern',
    title: 'pattern http://* (any http origin)',
    targets: ['rest-api', 'http-api', 's3'],
    policy: () => ({ allowOrigins: ['http://*'], allowMethods: ['GET', 'PUT'] }),
    requests: [get('get', 'app'), method('put', 'deep', 'PUT'), withHeaders('x-custom', 'alt', CUSTOM), get('get-credentials', 'other', true)],
  },
  {
    id: 'headers-wildcard-credentials',
    title: "'*' headers with credentials (echoed by the REST preflight and by S3)",
    targets: ['rest-api', 's3'],
    policy: (o) => ({ allowOrigins: [o.app], allowCredentials: true, allowHeaders: ['*'], allowMethods: ['GET', 'PUT'] }),
    requests: [
      withHeaders('x-custom-credentials', 'app', CUSTOM, true),
      withHeaders('authorization-credentials', 'app', AUTH, true),
      withHeaders('two-headers-credentials', 'app', { ...API_KEY, ...CUSTOM }, true),
      { id: 'put-json-credentials', page: 'app', method: 'PUT', headers: JSON_BODY, body: '{}', credentials: true },
      get('get-other-origin-credentials', 'other', true),
    ],
  },
  {
    id: 'lowercase-method',
    title: "lowercase method 'patch' listed",
    targets: ['rest-api', 'http-api'],
    policy: (o) => ({ allowOrigins: [o.app], allowMethods: ['patch'] }),
    requests: [method('patch-lowercase', 'app', 'patch'), method('patch-uppercase', 'app', 'PATCH'), get('get', 'app')],
  },
  {
    id: 'methods-wildcard',
    title: "'*' methods, two origins, X-Api-Key",
    policy: (o) => ({ allowOrigins: [o.app, o.other], allowMethods: ['*'], allowHeaders: ['x-api-key'] }),
    requests: [
      method('patch', 'app', 'PATCH'),
      method('patch-lowercase', 'other', 'patch'),
      method('delete', 'app', 'DELETE'),
      method('put-x-api-key', 'other', 'PUT', false, API_KEY),
      method('propfind', 'app', 'PROPFIND'),
    ],
  },
  {
    id: 'expose-credentials',
    title: 'exposed headers with credentials',
    policy: (o) => ({ allowOrigins: [o.app, o.alt], allowCredentials: true, exposeHeaders: ['x-request-id', 'x-amz-meta-tag'] }),
    requests: [get('get-credentials', 'app', true), get('get', 'alt'), get('get-second-origin-credentials', 'alt', true), method('head-credentials', 'app', 'HEAD', true)],
  },
  {
    id: 'null-origin',
    title: "'null' (opaque origins: sandboxed iframes, data: and file: documents) and one exact origin",
    policy: (o) => ({ allowOrigins: ['null', o.app], allowMethods: ['GET', 'PUT'], exposeHeaders: ['x-request-id'] }),
    requests: [get('get-opaque', 'opaque'), method('put-opaque', 'opaque', 'PUT'), get('get-opaque-credentials', 'opaque', true), get('get-exact', 'app'), get('get-unlisted', 'other')],
  },
  {
    id: 'opaque-not-listed',
    title: "an opaque origin against a policy that does not list 'null'",
    policy: (o) => ({ allowOrigins: [o.app, o.alt] }),
    requests: [get('get-opaque', 'opaque'), withHeaders('x-custom-opaque', 'opaque', CUSTOM)],
  },
  {
    id: 'proxy-without-helper',
    title: 'REST API whose Lambda proxy responses carry no CORS headers (no runtime helper)',
    targets: ['rest-api'],
    options: () => ({ 'rest-api': { runtimeHelper: false } }),
    policy: (o) => ({ allowOrigins: [o.app], allowMethods: ['GET', 'PUT'] }),
    requests: [get('get', 'app'), method('put', 'app', 'PUT')],
  },
  {
    id: 'safelisted-request-headers',
    title: 'CORS-safelisted request headers and their value rules',
    policy: (o) => ({ allowOrigins: [o.app], allowMethods: ['GET', 'POST'] }),
    requests: [
      { id: 'post-form', page: 'app', method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1', credentials: false },
      { id: 'post-text-charset', page: 'app', method: 'POST', headers: { 'Content-Type': 'text/plain;charset=utf-8' }, body: 'x', credentials: false },
      withHeaders('accept-language', 'app', { 'Accept-Language': 'en-US,en;q=0.9' }),
      withHeaders('accept-language-unsafe', 'app', { 'Accept-Language': 'en(US)' }),
      withHeaders('range', 'app', { Range: 'bytes=0-' }),
      withHeaders('accept-long', 'app', { Accept: 'a'.repeat(200) }),
      { id: 'post-text-quoted-param', page: 'app', method: 'POST', headers: { 'Content-Type': 'text/plain; x="y"' }, body: 'x', credentials: false },
    ],
  },
  {
    id: 'hand-written-literal-wildcards',
    title: "hand-written HTTP API config: '*' methods, headers and exposed headers WITH credentials (literal names then)",
    raw: {
      'http-api': (o) => ({ allowOrigins: [o.app], allowMethods: ['*'], allowHeaders: ['*'], exposeHeaders: ['*'], allowCredentials: true }),
    },
    requests: [
      method('put-credentials', 'app', 'PUT', true),
      withHeaders('x-custom-credentials', 'app', CUSTOM, true),
      get('get-credentials', 'app', true),
      withHeaders('authorization-credentials', 'app', AUTH, true),
      method('put', 'app', 'PUT'),
      withHeaders('x-custom', 'app', CUSTOM),
    ],
  },
  {
    id: 'hand-written-any-origin-credentials',
    title: "hand-written '*' origin with credentials",
    raw: {
      'function-url': () => ({ allowOrigins: ['*'], allowMethods: ['*'], allowCredentials: true }),
      cloudfront: () => ({ allowOrigins: ['*'], allowMethods: ['ALL'], allowHeaders: ['*'], allowCredentials: true, originOverride: true }),
    },
    requests: [get('get-credentials', 'other', true), method('put-credentials', 'deep', 'PUT', true), withHeaders('x-custom', 'app', CUSTOM)],
  },
  {
    id: 'hand-written-s3-rules',
    title: "hand-written S3 rules: app GET first, then '*' GET/PUT",
    raw: {
      s3: (o) => [
        { allowedOrigins: [o.app], allowedMethods: ['GET'] },
        { allowedOrigins: ['*'], allowedMethods: ['GET', 'PUT'] },
      ],
    },
    requests: [get('get-credentials', 'app', true), get('get-credentials-other', 'other', true), method('put', 'app', 'PUT'), method('put-other', 'other', 'PUT')],
  },
  {
    id: 'gateway-error-response',
    title: 'REST API error answered by the DEFAULT_4XX gateway response (static headers: one origin only)',
    targets: ['rest-api'],
    options: () => ({ 'rest-api': { gatewayResponse: 'DEFAULT_4XX' } }),
    policy: (o) => ({ allowOrigins: [o.app, o.alt], allowCredentials: true, exposeHeaders: ['x-request-id'] }),
    requests: [get('get-first-origin', 'app'), get('get-first-origin-credentials', 'app', true), get('get-second-origin', 'alt')],
  },
  {
    id: 'hand-written-origin-wins',
    title: "hand-written CloudFront policy with originOverride false; the origin sends Access-Control-Allow-Origin: '*'",
    raw: {
      cloudfront: (o) => ({ allowOrigins: [o.app], allowMethods: ['GET', 'PUT'], allowHeaders: ['x-api-key'], allowCredentials: true, originOverride: false }),
    },
    options: () => ({ cloudfront: { originHeaders: { 'Access-Control-Allow-Origin': '*' } } }),
    requests: [get('get', 'app'), get('get-credentials', 'app', true), method('put-x-api-key', 'app', 'PUT', false, API_KEY), get('get-other-origin', 'other')],
  },
  {
    id: 'hand-written-s3-header-glob',
    title: "hand-written S3 rule whose AllowedHeaders entry holds one '*' (x-amz-*)",
    raw: {
      s3: (o) => [{ allowedOrigins: [o.app], allowedMethods: ['GET', 'PUT'], allowedHeaders: ['x-amz-*'], exposedHeaders: ['x-amz-meta-tag'] }],
    },
    requests: [
      method('put-amz-header', 'app', 'PUT', false, { 'X-Amz-Meta-Owner': 'me' }),
      withHeaders('amz-headers-credentials', 'app', { 'X-Amz-Meta-Owner': 'me', 'X-Amz-Date': '20260101T000000Z' }, true),
      withHeaders('x-custom', 'app', CUSTOM),
      withHeaders('amz-and-custom', 'app', { 'X-Amz-Meta-Owner': 'me', ...CUSTOM }),
    ],
  },
  {
    id: 'function-sets-headers-too',
    title: 'function URL CORS plus the same headers set by the function (duplicate Access-Control-Allow-Origin)',
    targets: ['function-url'],
    policy: (o) => ({ allowOrigins: [o.app] }),
    options: (o) => ({ 'function-url': { functionHeaders: { 'Access-Control-Allow-Origin': o.app } } }),
    requests: [get('get', 'app')],
  },
  {
    id: 'authorized-options-route',
    title: 'HTTP API whose authorized ANY /{proxy+} route catches preflights',
    targets: ['http-api'],
    options: () => ({ 'http-api': { authorizedOptionsRoute: true } }),
    policy: (o) => ({ allowOrigins: [o.app], allowMethods: ['GET', 'PUT'] }),
    requests: [method('put', 'app', 'PUT'), get('get', 'app')],
  },
  {
    id: 'cloudfront-origin-rejects-options',
    title: 'CloudFront whose origin answers OPTIONS with 403 (S3 origin without bucket CORS)',
    targets: ['cloudfront'],
    options: () => ({ cloudfront: { originPreflightStatus: 403 } }),
    policy: (o) => ({ allowOrigins: [o.app], allowMethods: ['GET', 'PUT'] }),
    requests: [method('put', 'app', 'PUT'), get('get', 'app')],
  },
];

type Renderers = { readonly [T in CorsTarget]: (policy: ReturnType<typeof normalizeCorsPolicy>) => SimulationConfigs[T] };
const RENDER: Renderers = {
  'rest-api': renderRestApiCors,
  'http-api': renderHttpApiCors,
  'function-url': renderFunctionUrlCors,
  s3: renderS3CorsRule,
  cloudfront: renderCloudFrontCors,
};

/** Builds every case for the given page origins. Throws when a scenario lists a target its policy is invalid for. */
export function buildCases(origins: PageOrigins): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const scenario of SCENARIOS) {
    const configs: { target: CorsTarget; config: SimulationConfigs[CorsTarget]; source: ConformanceCase['source']; policy?: CorsPolicyProps }[] = [];
    if (scenario.policy) {
      const policy = scenario.policy(origins);
      for (const target of scenario.targets ?? ALL) {
        const errors = validateCorsPolicy(policy, { targets: [target] }).filter((d) => d.severity === 'error');
        if (errors.length > 0) throw new Error(`scenario ${scenario.id} is not valid for ${target}: ${errors.map((e) => e.rule).join(', ')}`);
        configs.push({ target, config: RENDER[target](normalizeCorsPolicy(policy)), source: 'rendered', policy });
      }
    }
    for (const target of CORS_TARGETS) {
      const raw = scenario.raw?.[target] as ((o: PageOrigins) => SimulationConfigs[CorsTarget]) | undefined;
      if (raw) configs.push({ target, config: raw(origins), source: 'hand-written' });
    }
    for (const { target, config, source, policy } of configs) {
      const options = scenario.options?.(origins)[target] ?? (target === 'rest-api' ? REST_WITH_HELPER : {});
      for (const request of scenario.requests) {
        cases.push({
          id: `${target}.${scenario.id}.${request.id}`,
          target,
          scenario: scenario.id,
          scenarioTitle: scenario.title,
          source,
          ...(policy ? { policy } : {}),
          config,
          options,
          request,
        });
      }
    }
  }
  const ids = new Set(cases.map((c) => c.id));
  if (ids.size !== cases.length) throw new Error('duplicate case ids');
  return cases;
}
