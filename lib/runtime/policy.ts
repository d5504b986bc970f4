import type { NormalizedCorsPolicy } from '../core/normalize';
import { isHttpToken } from '../core/grammar';
import { FORBIDDEN_METHODS, normalizeMethod } from '../core/methods';
import { refusedWithCredentials, type ParsedOrigin } from '../core/origin';
import { publicSuffixProblem, publicSuffixReach } from '../core/public-suffix';
import { RUNTIME_POLICY_ENV } from '../core/runtime-contract';
import { parseCanonicalOrigin } from './origins';
import { AC, isRecord, PREFIX } from './util';

/**
 * The runtime helper cannot use its policy: the environment variable is missing or malformed, or a
 * policy passed in code is not a normalized policy. The message names the source and the fix.
 */
export class CorsRuntimeConfigError extends Error {
  /** @param message - what is wrong, where the policy came from, and how to fix it. */
  constructor(message: string) {
    super(message);
    this.name = 'CorsRuntimeConfigError';
  }
}

/** A policy checked and prepared for answering requests. Internal. */
export interface CompiledPolicy {
  /** The parsed `allowOrigins` entries. */
  readonly origins: readonly ParsedOrigin[];
  /** `*` without credentials: answer `Access-Control-Allow-Origin: *` to everyone, no `Vary: Origin`. */
  readonly anyOrigin: boolean;
  /** `*` in allowHeaders with credentials: echo the requested headers, as the REST API preflight does. */
  readonly echoHeaders: boolean;
  /** The headers an allowed actual request gets besides the origin (credentials, expose). */
  readonly actual: Readonly<Record<string, string>>;
  /** The headers an allowed preflight gets besides the origin (credentials, methods, headers, max age). */
  readonly preflight: Readonly<Record<string, string>>;
}

function fail(source: string, problem: string): never {
  throw new CorsRuntimeConfigError(`${PREFIX}${source} is not a normalized CORS policy: ${problem}`);
}

/**
 * Checks that a value is a normalized policy and prepares it. Every entry the validator reports as
 * an error, with the core's own predicates, is refused: an origin that is not canonical or that no
 * browser sends (a blocked port, a host DNS cannot carry), `*` or `null` with credentials, a method
 * or header name that is not an RFC 9110 token, a forbidden method, `*` exposed with credentials, a
 * pattern on or above a public suffix with credentials; and a max age that is not a non-negative
 * integer. Names are tokens, so nothing can inject a header. Methods are normalized as
 * `normalizeCorsPolicy` normalizes them (`get` is sent as `GET`).
 * @throws CorsRuntimeConfigError naming `source` and the offending field.
 */
export function compilePolicy(value: unknown, source: string): CompiledPolicy {
  const policy = isRecord(value) ? value : fail(source, 'not an object');
  const credentials = policy.allowCredentials ?? false;
  const rawOrigins = policy.allowOrigins;
  const maxAge = policy.maxAgeSeconds;
  if (typeof credentials !== 'boolean') fail(source, 'allowCredentials');
  if (!Array.isArray(rawOrigins) || rawOrigins.length === 0) fail(source, 'allowOrigins');
  if (maxAge !== undefined && !(Number.isInteger(maxAge) && (maxAge as number) >= 0)) fail(source, 'maxAgeSeconds');
  // A refused entry in code throws; a deployed one (e.g. a deploy-time value the validator could not
  // check) is dropped, logged once per cold start, and the others are served.
  const refuse = (problem: string): void => {
    if (source !== ENV_SOURCE) fail(source, problem);
    console.error(`${PREFIX}${source}: ignored ${problem}`);
  };
  const origins: ParsedOrigin[] = [];
  for (const raw of rawOrigins as unknown[]) {
    const origin = typeof raw === 'string' ? parseCanonicalOrigin(raw) : undefined;
    // The Public Suffix List is only searched for a subdomain pattern of a credentialed policy.
    const reach = credentials && origin ? publicSuffixReach(origin) : undefined;
    if (reach) {
      // In the validator's words (origin-pattern-public-suffix).
      refuse(`allowOrigins with credentials (origin-pattern-public-suffix): ${publicSuffixProblem(String(raw), origin!.host, reach, 'read credentialed responses')}`);
    } else if (origin && !(credentials && refusedWithCredentials(origin))) origins.push(origin);
    else refuse(`allowOrigins '${raw}'${origin ? ' with credentials' : ' is not canonical'}`);
  }
  const list = (field: keyof NormalizedCorsPolicy, refused: (item: string) => boolean = () => false, normalize = (item: string) => item): string | undefined => {
    const items: unknown = policy[field] ?? [];
    if (!Array.isArray(items)) fail(source, field);
    const kept = (items as unknown[]).filter((item): item is string => {
      const ok = typeof item === 'string' && isHttpToken(item) && !refused(item);
      if (!ok) refuse(`${field} '${item}'`);
      return ok;
    });
    // A normalized policy is deduplicated and has lowercase header names already (header names are
    // case-insensitive anyway); methods are normalized again, since browsers compare them byte for byte.
    const sent = [...new Set(kept.map(normalize))];
    return sent.length > 0 ? sent.join(',') : undefined;
  };
  // A deploy-time `get` would never match if sent as written (`method-not-normalized`): sent as `GET`,
  // as the normalized policy would.
  const methods = list('allowMethods', (method) => FORBIDDEN_METHODS.has(method.toUpperCase()), normalizeMethod);
  const allowHeaders = list('allowHeaders');
  const expose = list('exposeHeaders', // `*` with credentials is a literal name that exposes nothing (`expose-wildcard-with-credentials`).
    (header) => credentials && header === '*');
  const echoHeaders = credentials && `,${allowHeaders},`.includes(',*,');
  const common: Record<string, string> = credentials ? { [`${AC}Allow-Credentials`]: 'true' } : {};
  const preflight = { ...common };
  if (methods) preflight[`${AC}Allow-Methods`] = methods;
  if (allowHeaders && !echoHeaders) preflight[`${AC}Allow-Headers`] = allowHeaders;
  if (maxAge !== undefined) preflight[`${AC}Max-Age`] = `${maxAge}`;
  return {
    origins,
    anyOrigin: !credentials && origins.some((origin) => origin.kind === 'any'),
    echoHeaders,
    actual: expose ? { ...common, [`${AC}Expose-Headers`]: expose } : common,
    preflight,
  };
}

const compiledPolicies = new WeakMap<object, CompiledPolicy>();

/** {@link compilePolicy}, once per policy object. Internal. */
export function compiledFor(policy: NormalizedCorsPolicy, source: string): CompiledPolicy {
  let compiled = compiledPolicies.get(policy);
  if (!compiled) compiledPolicies.set(policy, (compiled = compilePolicy(policy, source)));
  return compiled;
}

/** The source named in messages about a policy passed in code. Internal. */
export const CODE_SOURCE = 'the policy passed in code';

/** Where {@link readRuntimePolicy} reads the policy from, for messages. Internal. */
export const ENV_SOURCE = `the environment variable ${RUNTIME_POLICY_ENV}`;

/**
 * Reads the policy that `cors.bindToFunction(fn)` (CDK or CDKTF) put into the Lambda environment
 * variable `CORS_CONSTRUCTS_POLICY` ({@link RUNTIME_POLICY_ENV}), for use with `corsHeaders` in your
 * own middleware. `withCors` calls it itself, once, at the first invocation.
 * @param env - the environment to read; `process.env` by default.
 * @returns the normalized policy. An entry the validator rejects (an origin that is not canonical or
 * that no browser sends, `*` or `null` with credentials, a public-suffix pattern with credentials, a
 * forbidden method, `*` exposed with credentials, a name that is not a token) is logged with `console.error` and ignored when answering requests.
 * @throws CorsRuntimeConfigError when the variable is missing, not JSON, or not a normalized policy;
 * the message names the variable and the fix.
 */
export function readRuntimePolicy(env: Readonly<Record<string, string | undefined>> = process.env): NormalizedCorsPolicy {
  const text = env[RUNTIME_POLICY_ENV];
  if (!text?.trim()) {
    throw new CorsRuntimeConfigError(`${PREFIX}${ENV_SOURCE} is not set: bind a policy with cors.bindToFunction(fn)`);
  }
  let value: NormalizedCorsPolicy;
  try {
    value = JSON.parse(text) as NormalizedCorsPolicy;
  } catch (error) {
    return fail(ENV_SOURCE, `not JSON: ${(error as Error).message}`);
  }
  compiledFor(value, ENV_SOURCE);
  return value;
}
