import type { NormalizedCorsPolicy } from '../core/normalize';
import { allowsEveryOrigin, type ParsedOrigin } from '../core/origin';
import { RUNTIME_POLICY_ENV } from '../core/runtime-contract';
import { parseCanonicalOrigin } from './origins';
import { AC, isRecord, PREFIX, SAFE_ITEM } from './util';

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
 * Checks that a value is a normalized policy and prepares it. The checks are the ones the runtime
 * needs to stay safe, without the validator (which needs the Public Suffix List): origins canonical
 * and well formed, no origin that allows everyone with credentials, method and header names that
 * are printable ASCII without spaces or commas (so nothing can inject a header), a non-negative
 * integer max age.
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
  const origins: ParsedOrigin[] = [];
  for (const raw of rawOrigins as unknown[]) {
    const origin = typeof raw === 'string' ? parseCanonicalOrigin(raw) : undefined;
    if (origin && !(credentials && allowsEveryOrigin(origin))) origins.push(origin);
    else {
      const problem = `allowOrigins '${raw}'${origin ? ' with credentials' : ' is not canonical'}`;
      if (source !== ENV_SOURCE) fail(source, problem);
      // A deployed entry that is not canonical (e.g. a deploy-time value with a trailing slash) never
      // matches a browser's Origin: it is dropped, logged once per cold start, and the others are served.
      console.error(`${PREFIX}${source}: ignored ${problem}`);
    }
  }
  const list = (field: keyof NormalizedCorsPolicy): string | undefined => {
    const items: unknown = policy[field] ?? [];
    if (!Array.isArray(items) || !items.every((item) => typeof item === 'string' && SAFE_ITEM.test(item))) fail(source, field);
    // Sent as listed: a normalized policy is deduplicated and has lowercase header names already.
    return items.length > 0 ? items.join(',') : undefined;
  };
  const methods = list('allowMethods');
  const allowHeaders = list('allowHeaders');
  const expose = list('exposeHeaders');
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
 * @returns the normalized policy. An `allowOrigins` entry that is not canonical (or `*` with
 * credentials) is logged with `console.error` and ignored when answering requests.
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
