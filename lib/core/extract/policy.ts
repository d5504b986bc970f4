import type { CorsField } from '../diagnostic';
import { escapeRegex, originPatternRegex, parseOrigin, REGEX_ANY_REST, REGEX_PORT, REGEX_SUBDOMAINS } from '../origin';
import type { CorsPolicyProps } from '../props';
import type { LiteralWildcards } from '../validate';
import { CLOUDFRONT_ALL_METHODS } from '../simulate/cloudfront';
import { getHeader } from '../simulate/fetch-check';
import { readRestApiTemplate } from '../simulate/rest-api-template';
import { isOpaqueValue } from './opaque';
import { isProxyIntegration } from './rest-api';
import type { ExtractedCors, SourceLocation } from './types';

/** Where one field of a recovered policy was read from. */
export interface FieldLocations {
  /** The whole field (a list, a header value, a flag). */
  readonly field?: SourceLocation;
  /** Each entry of a list field, by its position in the recovered list. */
  readonly entries?: readonly (SourceLocation | undefined)[];
}

/**
 * Where the fields of a recovered policy were read from; `policy` is the whole configuration.
 * Set for configurations that record their locations (CloudFormation templates).
 */
export type PolicyLocations = Readonly<Partial<Record<CorsField, FieldLocations>>>;

/** A policy read back from a configuration, for the validator. */
export interface RecoveredPolicy {
  /** Which part of the resource it describes (an S3 rule), when the resource holds several. */
  readonly part?: string;
  /** The policy the configuration stands for. */
  readonly props: CorsPolicyProps;
  /** What the mapping had to assume. */
  readonly notes: readonly string[];
  /** Where each field was read from, when the extractor recorded it. */
  readonly locations?: PolicyLocations;
  /**
   * The values the configuration sends, or compares, exactly as written where this library's rendering for the
   * target would match or echo them: a REST API's static header values and exact `==` comparisons. For the
   * validator's `literalWildcards`.
   */
  readonly literal?: LiteralWildcards;
}

/**
 * Where a diagnostic about a recovered policy points: the entry it names, else the field, else the
 * whole configuration.
 */
export function locateDiagnostic(locations: PolicyLocations | undefined, diagnostic: { readonly field: CorsField; readonly index?: number }): SourceLocation | undefined {
  const field = locations?.[diagnostic.field];
  return (diagnostic.index !== undefined ? field?.entries?.[diagnostic.index] : undefined) ?? field?.field ?? locations?.policy?.field;
}

type Locate = (key: string) => SourceLocation | undefined;

function locator(item: ExtractedCors): Locate {
  return (key) => item.locations?.[key];
}

// A list field whose entries were read one by one from `key[0]`, `key[1]`, ...
function listAt(locate: Locate, key: string, count: number): FieldLocations {
  const field = locate(key);
  return { ...(field ? { field } : {}), entries: Array.from({ length: count }, (_, i) => locate(`${key}[${i}]`)) };
}

// A field read from one value: every entry of a list recovered from it (a comma-separated header) points there.
function oneAt(location: SourceLocation | undefined, count = 0): FieldLocations {
  return location ? { field: location, ...(count > 0 ? { entries: Array.from({ length: count }, () => location) } : {}) } : {};
}

// The key a header was recorded under: its name as written in the template.
function headerKey(headers: Readonly<Record<string, string>>, name: string): string {
  return Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
}

/**
 * The origin entry a REST template regex stands for, when it is one renderRestApiCors writes (verified by
 * rendering the candidate again); `undefined` for hand-written regexes.
 */
export function originFromRegex(regex: string): string | undefined {
  const body = regex.replace(/^\^|\$$/g, '');
  const candidate = body
    .replace(REGEX_SUBDOMAINS, '*.')
    .replace(new RegExp(`${escapeRegex(REGEX_PORT)}$`), '*')
    .replace(new RegExp(`${escapeRegex(REGEX_ANY_REST)}$`), '*')
    .replace(/\\(.)/g, '$1');
  const parsed = parseOrigin(candidate).origin;
  if (!parsed) return undefined;
  return originPatternRegex(parsed).slice(1, -1) === body ? candidate : undefined;
}

// HTTP APIs, function URLs and REST preflights without allowed methods send no Access-Control-Allow-Methods:
// only the CORS-safelisted methods pass a preflight, which is what the policy's default says. Not an empty list.
const NO_METHODS = 'no allowed methods: browsers allow only the CORS-safelisted GET, HEAD and POST; read as the default GET, HEAD';

// -1 is how a REST preflight (aws-cdk-lib's CorsOptions.disableCache: "Sets Access-Control-Max-Age to -1, which
// means that caching is disabled") and an HTTP API (AWS::ApiGatewayV2::Api Cors MaxAge, -1..86400 in the API
// Gateway v2 model) say "do not cache preflights". Browsers then cache for 0 s or their default of 5 s, which is
// what 0 says: read as 0 rather than as a max-age-invalid error. S3, function URLs and CloudFront reject -1.
const NO_CACHE = -1;
const NO_CACHE_NOTE = 'a max age of -1 disables preflight caching on this target: read as 0';

function maxAgeOf(value: number | undefined, notes: string[]): { maxAgeSeconds?: number } {
  if (value === undefined) return {};
  if (value !== NO_CACHE) return { maxAgeSeconds: value };
  notes.push(NO_CACHE_NOTE);
  return { maxAgeSeconds: 0 };
}

// A comma-separated header value; a value known only at deploy time is one opaque entry (its JSON has commas too).
function splitList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return isOpaqueValue(value) ? [value] : value.split(',').map((v) => v.trim()).filter((v) => v !== '');
}

// A whole configuration chosen at deploy time (Fn::If): the extractor records it as `$` and reads nothing.
function wholeConfigUnresolved(item: ExtractedCors): boolean {
  return item.unresolved.some((u) => u.field === '$');
}

// A credentials flag known only at deploy time is read as false here, unlike the extractor's stricter `true`:
// read as true, `'*'` with it would be an origin-wildcard-with-credentials error about a value nobody has
// seen yet. The audit lists the flag as unresolved instead; the rules that need credentials on are skipped.
const CREDENTIALS_UNRESOLVED = 'allowCredentials is only known at deploy time: the rules that apply with credentials on were not checked';

function credentialsOf(item: ExtractedCors<'http-api' | 'function-url' | 'cloudfront'>, notes: string[]): boolean {
  if (!item.unresolved.some((u) => u.field === 'allowCredentials')) return item.config.allowCredentials;
  notes.push(CREDENTIALS_UNRESOLVED);
  return false;
}

function restPolicy(item: ExtractedCors<'rest-api'>): RecoveredPolicy | undefined {
  const notes: string[] = [];
  const locate = locator(item);
  const { gatewayResponses } = item.config;
  // A proxied OPTIONS method answers from the backend: only the API's gateway responses are in the template.
  const proxied = isProxyIntegration(item.config.preflight?.integrationType);
  if (proxied && gatewayResponses.length === 0) return undefined;
  const preflight = proxied ? undefined : item.config.preflight;
  const gateway = gatewayResponses[0];
  const gatewayHeaders = gateway?.headers ?? {};
  const exposing = gatewayResponses.find((g) => getHeader(g.headers, 'Access-Control-Expose-Headers') !== undefined);
  const expose = exposing ? splitList(getHeader(exposing.headers, 'Access-Control-Expose-Headers')) : undefined;
  const exposeAt = exposing ? oneAt(locate(`gatewayResponses.${exposing.type}.${headerKey(exposing.headers, 'Access-Control-Expose-Headers')}`), expose!.length) : {};
  if (!preflight) {
    const origin = getHeader(gatewayHeaders, 'Access-Control-Allow-Origin');
    const at = (name: string) => (gateway ? locate(`gatewayResponses.${gateway.type}.${headerKey(gatewayHeaders, name)}`) : undefined);
    return {
      props: {
        allowOrigins: origin === undefined ? [] : [origin],
        allowCredentials: getHeader(gatewayHeaders, 'Access-Control-Allow-Credentials') === 'true',
        ...(expose !== undefined ? { exposeHeaders: expose } : {}),
      },
      notes: ['read from the gateway responses only'],
      // Gateway responses hold static values only.
      literal: { allowOrigins: true },
      locations: {
        allowOrigins: oneAt(at('Access-Control-Allow-Origin'), origin === undefined ? 0 : 1),
        allowCredentials: oneAt(at('Access-Control-Allow-Credentials')),
        exposeHeaders: exposeAt,
        policy: oneAt(locate('$')),
      },
    };
  }
  const preflightHeaders = { ...preflight.staticHeaders, ...preflight.requestMappedHeaders };
  const staticAt = (name: string) => locate(`preflight.staticHeaders.${headerKey(preflightHeaders, name)}`);
  const templateAt = locate('preflight.responseTemplate');
  const reading = readRestApiTemplate(preflight.responseTemplate);
  // Each origin read, where from, and whether it is sent or compared as written (a static value, an `==` term)
  // rather than matched by a regex.
  const read: { origin: string; at: SourceLocation | undefined; literal: boolean }[] = [];
  const staticOrigin = getHeader(preflight.staticHeaders, 'Access-Control-Allow-Origin');
  const originEcho = reading.echoes.find((e) => e.header.toLowerCase() === 'access-control-allow-origin' && e.from === 'origin');
  const reflected = Object.entries(preflight.requestMappedHeaders ?? {}).some(([h, from]) => h.toLowerCase() === 'access-control-allow-origin' && from.toLowerCase() === 'origin');
  if (reflected || (originEcho && originEcho.conditions === undefined)) {
    read.push({ origin: '*', at: reflected ? staticAt('Access-Control-Allow-Origin') : templateAt, literal: false });
    notes.push('Access-Control-Allow-Origin reflects the request\'s Origin, which allows every origin: read as \'*\'');
  } else if (originEcho) {
    for (const condition of originEcho.conditions ?? []) {
      if ('equals' in condition) read.push({ origin: condition.equals, at: templateAt, literal: true });
      else {
        const origin = originFromRegex(condition.matches);
        if (origin !== undefined) read.push({ origin, at: templateAt, literal: false });
        else notes.push(`the template matches origins with a hand-written regex (${condition.matches}) that cannot be checked`);
      }
    }
  }
  if (staticOrigin !== undefined && !read.some((r) => r.origin === staticOrigin)) {
    read.unshift({ origin: staticOrigin, at: staticAt('Access-Control-Allow-Origin'), literal: true });
  }
  const headersEchoed = reading.echoes.some((e) => e.header.toLowerCase() === 'access-control-allow-headers');
  const maxAge = getHeader(preflight.staticHeaders, 'Access-Control-Max-Age');
  const methods = splitList(getHeader(preflight.staticHeaders, 'Access-Control-Allow-Methods'));
  if (methods.length === 0) notes.push(NO_METHODS);
  // A static Access-Control-Allow-Headers is sent as written: a '*' there is not this library's echo.
  const headers = headersEchoed ? ['*'] : splitList(getHeader(preflight.staticHeaders, 'Access-Control-Allow-Headers'));
  // Findings about the origins as a whole point at the template when it chooses the origin.
  const originAt = originEcho ? templateAt : staticAt('Access-Control-Allow-Origin');
  return {
    props: {
      allowOrigins: read.map((r) => r.origin),
      ...(methods.length > 0 ? { allowMethods: methods } : {}),
      allowHeaders: headers,
      ...(expose !== undefined ? { exposeHeaders: expose } : {}),
      allowCredentials: getHeader(preflight.staticHeaders, 'Access-Control-Allow-Credentials') === 'true',
      ...(maxAge !== undefined && /^-?[0-9]+$/.test(maxAge) ? maxAgeOf(Number(maxAge), notes) : {}),
    },
    notes,
    literal: { allowOrigins: read.flatMap((r, i) => (r.literal ? [i] : [])), allowHeaders: !headersEchoed },
    locations: {
      allowOrigins: { ...oneAt(originAt), entries: read.map((r) => r.at) },
      allowMethods: oneAt(staticAt('Access-Control-Allow-Methods'), methods.length),
      allowHeaders: oneAt(headersEchoed ? templateAt : staticAt('Access-Control-Allow-Headers'), headers.length),
      exposeHeaders: exposeAt,
      allowCredentials: oneAt(staticAt('Access-Control-Allow-Credentials')),
      maxAgeSeconds: oneAt(staticAt('Access-Control-Max-Age')),
      policy: oneAt(locate('$')),
    },
  };
}

// HTTP API, function URL and CloudFront configurations: one list per field, read one entry at a time.
function serviceLocations(item: ExtractedCors<'http-api' | 'function-url' | 'cloudfront'>, methods: number): PolicyLocations {
  const locate = locator(item);
  const c = item.config;
  return {
    allowOrigins: listAt(locate, 'allowOrigins', c.allowOrigins.length),
    allowMethods: methods > 0 ? listAt(locate, 'allowMethods', methods) : oneAt(locate('allowMethods')),
    allowHeaders: listAt(locate, 'allowHeaders', c.allowHeaders?.length ?? 0),
    exposeHeaders: listAt(locate, 'exposeHeaders', c.exposeHeaders?.length ?? 0),
    allowCredentials: oneAt(locate('allowCredentials')),
    maxAgeSeconds: oneAt(locate('maxAgeSeconds')),
    policy: oneAt(locate('$')),
  };
}

/**
 * Maps an extracted configuration back to the policy it stands for, so the validator can check it
 * with the target's limits: one policy per S3 rule; CloudFront `ALL` read as its seven methods; a REST preflight
 * read from its static headers and template (an echoed `Access-Control-Request-Headers` is `*`); a proxied
 * OPTIONS method (AWS_PROXY, HTTP_PROXY), whose backend answers, only through the API's gateway responses.
 * S3 rules are read without `allowCredentials`: S3 has no such setting. A max age of -1 on a REST preflight or an
 * HTTP API, the documented "no caching" value there, is read as 0.
 */
export function recoverPolicies(item: ExtractedCors): RecoveredPolicy[] {
  switch (item.target) {
    case 's3': {
      const locate = locator(item);
      return item.config.map((rule, index) => {
        const f = `rules[${index}]`;
        return {
          ...(item.config.length > 1 ? { part: `rule ${index + 1}` } : {}),
          props: {
            allowOrigins: rule.allowedOrigins,
            allowMethods: rule.allowedMethods,
            ...(rule.allowedHeaders ? { allowHeaders: rule.allowedHeaders } : {}),
            ...(rule.exposedHeaders ? { exposeHeaders: rule.exposedHeaders } : {}),
            ...(rule.maxAgeSeconds !== undefined ? { maxAgeSeconds: rule.maxAgeSeconds } : {}),
          },
          notes: [],
          locations: {
            allowOrigins: listAt(locate, `${f}.allowedOrigins`, rule.allowedOrigins.length),
            allowMethods: listAt(locate, `${f}.allowedMethods`, rule.allowedMethods.length),
            allowHeaders: listAt(locate, `${f}.allowedHeaders`, rule.allowedHeaders?.length ?? 0),
            exposeHeaders: listAt(locate, `${f}.exposedHeaders`, rule.exposedHeaders?.length ?? 0),
            maxAgeSeconds: oneAt(locate(`${f}.maxAgeSeconds`)),
            policy: oneAt(locate(f) ?? locate('$')),
          },
        };
      });
    }
    case 'http-api':
    case 'function-url': {
      if (wholeConfigUnresolved(item)) return [];
      const c = item.config;
      const methods = c.allowMethods.length > 0 ? { allowMethods: c.allowMethods } : {};
      const notes = c.allowMethods.length > 0 ? [] : [NO_METHODS];
      const maxAge = item.target === 'http-api' ? maxAgeOf(c.maxAgeSeconds, notes) : (c.maxAgeSeconds !== undefined ? { maxAgeSeconds: c.maxAgeSeconds } : {});
      return [{
        props: { allowOrigins: c.allowOrigins, ...methods, allowHeaders: c.allowHeaders ?? [], exposeHeaders: c.exposeHeaders ?? [], allowCredentials: credentialsOf(item, notes), ...maxAge },
        notes,
        locations: serviceLocations(item, c.allowMethods.length),
      }];
    }
    case 'cloudfront': {
      if (wholeConfigUnresolved(item)) return [];
      const c = item.config;
      const all = c.allowMethods.includes('ALL');
      const notes = all ? [`AccessControlAllowMethods ALL read as ${CLOUDFRONT_ALL_METHODS.join(', ')}`] : [];
      return [{
        props: { allowOrigins: c.allowOrigins, allowMethods: all ? [...CLOUDFRONT_ALL_METHODS] : c.allowMethods, allowHeaders: c.allowHeaders, exposeHeaders: c.exposeHeaders ?? [], allowCredentials: credentialsOf(item, notes), ...(c.maxAgeSeconds !== undefined ? { maxAgeSeconds: c.maxAgeSeconds } : {}) },
        notes,
        // ALL stands for seven methods: findings about one of them point at the list.
        locations: serviceLocations(item, all ? 0 : c.allowMethods.length),
      }];
    }
    case 'rest-api': {
      const policy = restPolicy(item);
      return policy ? [policy] : [];
    }
  }
}
