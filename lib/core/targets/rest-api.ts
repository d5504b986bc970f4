import { ANY_HEADER } from '../headers';
import { parsedOrigins, type NormalizedCorsPolicy } from '../normalize';
import { originPatternRegex, type ParsedOrigin } from '../origin';
import { isUnresolvedToken } from '../token';
import { targetMethods } from './lists';

/** The OPTIONS method every REST API resource gets: a MOCK integration answering 204. */
export interface RestApiPreflightConfig {
  /**
   * 204: cdk-nag's AwsSolutions-APIG4 exempts an OPTIONS method without an authorizer only when every
   * method response is 204 with an `Access-Control-Allow-*` parameter (cdk-nag 3.0.2
   * rules/apigw/APIGWAuthorization, checkCORSMethodResponses); COG4 exempts every OPTIONS method
   * (rules/cognito/CognitoUserPoolAPIGWAuthorizer).
   */
  readonly statusCode: '204';
  /** Every header the method response declares (`method.response.header.<name>`), in a stable order. */
  readonly responseHeaders: readonly string[];
  /** Static header values (unquoted) mapped in the integration response. */
  readonly staticHeaders: Readonly<Record<string, string>>;
  /** The integration response template that echoes allowed origins or requested headers, when needed. */
  readonly responseTemplate?: string;
}

/** A gateway response that carries the CORS headers on API Gateway's own errors. */
export interface RestApiGatewayResponseConfig {
  /** The gateway response type; every other type falls back to one of these two. */
  readonly type: 'DEFAULT_4XX' | 'DEFAULT_5XX';
  /** Static header values (unquoted). */
  readonly headers: Readonly<Record<string, string>>;
}

/** Everything a REST API needs for the policy. */
export interface RestApiCorsConfig {
  /** The OPTIONS method of every resource. */
  readonly preflight: RestApiPreflightConfig;
  /** Empty when no exact origin can be named statically (a pattern-only policy). */
  readonly gatewayResponses: readonly RestApiGatewayResponseConfig[];
}

/** The request template of the MOCK integration: it selects the default integration response. */
export const REST_API_MOCK_REQUEST_TEMPLATE = '{"statusCode": 200}';

/** Wraps a static value as an API Gateway parameter-mapping literal (`'value'`). */
export function apiGatewayLiteral(value: string): string {
  return `'${value}'`;
}

/**
 * Static header values as API Gateway parameter mappings: `{ <prefix><name>: "'value'" }`, in the
 * renderer's header order (a gateway response's `responseHeaders` take no prefix in aws-cdk-lib).
 */
export function apiGatewayHeaderLiterals(headers: Readonly<Record<string, string>>, prefix = ''): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [`${prefix}${name}`, apiGatewayLiteral(value)]));
}

/** Prefix of a method response header parameter (`method.response.header.<name>`). */
export const METHOD_RESPONSE_HEADER_PREFIX = 'method.response.header.';

/** The parameter maps of a preflight's method response and integration response, as both adapters write them. */
export interface RestApiPreflightParameters {
  /** `{ 'method.response.header.<name>': true }` for every header the preflight may send. */
  readonly methodResponseParameters: Readonly<Record<string, boolean>>;
  /** `{ 'method.response.header.<name>': "'value'" }` for every static header value. */
  readonly integrationResponseParameters: Readonly<Record<string, string>>;
}

/**
 * The preflight's response parameter maps: every header declared on the method response (a header the
 * template sets must be declared there too), the static values mapped on the integration response.
 */
export function restApiPreflightParameters(preflight: RestApiPreflightConfig): RestApiPreflightParameters {
  return {
    methodResponseParameters: Object.fromEntries(preflight.responseHeaders.map((header) => [`${METHOD_RESPONSE_HEADER_PREFIX}${header}`, true])),
    integrationResponseParameters: apiGatewayHeaderLiterals(preflight.staticHeaders, METHOD_RESPONSE_HEADER_PREFIX),
  };
}

// Reads a request header in any case: API Gateway REST keeps the case the client sent,
// and HTTP/2 clients send lowercase names.
function readHeader(variable: string, name: string): string[] {
  return [
    `#set($${variable} = $input.params().header.get("${name}"))`,
    `#if("$!${variable}" == "")#set($${variable} = $input.params().header.get("${name.toLowerCase()}"))#end`,
  ];
}

/** Options of {@link renderRestApiCors}. */
export interface RestApiRenderOptions {
  /**
   * Returns a deploy-time expression (a CDK or cdktf token) that evaluates to `token`'s deployed value with
   * every `'` doubled (CloudFormation `Fn::Join` of `Fn::Split`, Terraform `replace()`), so the value can
   * be compared inside a Velocity single-quoted literal and no deployed value can change the template.
   * Required when an origin compared in the preflight template is a deploy-time value.
   */
  readonly doubleQuotesAtDeploy?: (token: string) => string;
}

/**
 * A Velocity single-quoted string literal: never interpolated (no `$` or `#` is evaluated inside it), and
 * a `'` inside is written twice (Velocity 1.7 string literals; checked with Apache Velocity 1.7 in
 * test/velocity). A double-quoted literal would evaluate a `$name` inside a host such as `https://a$b.com`.
 */
export function velocityLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function originCondition(origin: ParsedOrigin, options: RestApiRenderOptions): string {
  if (origin.kind === 'exact' || origin.kind === 'null') {
    if (!isUnresolvedToken(origin.canonical)) return `$origin == ${velocityLiteral(origin.canonical)}`;
    // A deploy-time value pasted as written could close the literal and add a condition (x' || 'a' == 'a).
    if (options.doubleQuotesAtDeploy === undefined) throw new Error(`renderRestApiCors: the origin ${origin.canonical} is a deploy-time value; pass doubleQuotesAtDeploy so it cannot change the template`);
    return `$origin == '${options.doubleQuotesAtDeploy(origin.canonical)}'`;
  }
  // String.matches anchors the whole input; the regex escapes every literal character.
  return `$origin.matches(${velocityLiteral(originPatternRegex(origin).slice(1, -1))})`;
}

function responseTemplate(origins: readonly ParsedOrigin[], echoOrigin: boolean, echoHeaders: boolean, options: RestApiRenderOptions): string | undefined {
  const lines: string[] = [];
  if (echoOrigin) {
    lines.push(...readHeader('origin', 'Origin'));
    lines.push(`#if(${origins.map((origin) => originCondition(origin, options)).join(' || ')})`);
    lines.push('#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)');
    lines.push('#end');
  }
  if (echoHeaders) {
    lines.push(...readHeader('requested', 'Access-Control-Request-Headers'));
    lines.push('#if("$!requested" != "")#set($context.responseOverride.header.Access-Control-Allow-Headers = $requested)#end');
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/**
 * Renders the policy for a REST API: the OPTIONS preflight and the DEFAULT_4XX/5XX gateway responses.
 * A single exact origin or `*` is a static header; several origins or patterns are echoed only when
 * the request's Origin is allowed (exact compare, anchored escaped pattern match), with `Vary: Origin`.
 */
export function renderRestApiCors(policy: NormalizedCorsPolicy, options: RestApiRenderOptions = {}): RestApiCorsConfig {
  const origins = parsedOrigins(policy);
  const single = origins.length === 1 && (origins[0]!.kind === 'exact' || origins[0]!.kind === 'any') ? origins[0] : undefined;
  const echoOrigin = single === undefined && origins.length > 0;
  const echoHeaders = policy.allowHeaders.includes(ANY_HEADER);

  const staticHeaders: Record<string, string> = {};
  const responseHeaders: string[] = ['Access-Control-Allow-Origin'];
  if (single) staticHeaders['Access-Control-Allow-Origin'] = single.canonical;
  // The answer depends on these request headers, so caches must key on them.
  const vary = [...(echoOrigin ? ['Origin'] : []), ...(echoHeaders ? ['Access-Control-Request-Headers'] : [])];
  if (vary.length > 0) {
    responseHeaders.push('Vary');
    staticHeaders['Vary'] = vary.join(', ');
  }
  responseHeaders.push('Access-Control-Allow-Methods');
  staticHeaders['Access-Control-Allow-Methods'] = targetMethods(policy, 'rest-api').join(',');
  if (policy.allowHeaders.length > 0) {
    responseHeaders.push('Access-Control-Allow-Headers');
    if (!echoHeaders) staticHeaders['Access-Control-Allow-Headers'] = policy.allowHeaders.join(',');
  }
  if (policy.allowCredentials) {
    responseHeaders.push('Access-Control-Allow-Credentials');
    staticHeaders['Access-Control-Allow-Credentials'] = 'true';
  }
  if (policy.maxAgeSeconds !== undefined) {
    responseHeaders.push('Access-Control-Max-Age');
    staticHeaders['Access-Control-Max-Age'] = String(policy.maxAgeSeconds);
  }
  const template = responseTemplate(origins, echoOrigin, echoHeaders, options);

  const errorOrigin = single?.canonical ?? origins.find((o) => o.kind === 'exact' || o.kind === 'null')?.canonical;
  const errorHeaders: Record<string, string> = {};
  if (errorOrigin !== undefined) {
    errorHeaders['Access-Control-Allow-Origin'] = errorOrigin;
    if (policy.allowCredentials) errorHeaders['Access-Control-Allow-Credentials'] = 'true';
    if (policy.exposeHeaders.length > 0) errorHeaders['Access-Control-Expose-Headers'] = policy.exposeHeaders.join(',');
  }
  return {
    preflight: {
      statusCode: '204',
      responseHeaders,
      staticHeaders,
      ...(template !== undefined ? { responseTemplate: template } : {}),
    },
    gatewayResponses: errorOrigin === undefined ? [] : (['DEFAULT_4XX', 'DEFAULT_5XX'] as const).map((type) => ({ type, headers: errorHeaders })),
  };
}
