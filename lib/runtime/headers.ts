import type { NormalizedCorsPolicy } from '../core/normalize';
import { originMatches } from '../core/origin';
import { CODE_SOURCE, compiledFor, type CompiledPolicy } from './policy';
import type { CorsResponseHeaders, RequestHeaders } from './types';
import { AC, isRecord, SAFE_ITEM } from './util';

/** What the CORS answer depends on in a request. Internal. */
export interface CorsRequest {
  /** The single Origin value, or undefined when absent or ambiguous (several different values). */
  readonly origin?: string;
  /** Whether the request is a preflight: OPTIONS with Access-Control-Request-Method. */
  readonly preflight: boolean;
  /** Access-Control-Request-Headers, when sent. */
  readonly requestedHeaders?: string;
}

/**
 * Reads the CORS-relevant request headers from header records (`headers`, `multiValueHeaders`),
 * case-insensitively, tolerating `null`, missing records and non-string values. Internal.
 */
export function readCorsRequest(sources: readonly unknown[], method: unknown): CorsRequest {
  const values = (name: string): string[] => {
    const found: string[] = [];
    for (const source of sources) {
      if (!isRecord(source)) continue;
      for (const key of Object.keys(source)) {
        if (key.toLowerCase() !== name) continue;
        for (const item of [source[key]].flat()) if (typeof item === 'string' && !found.includes(item)) found.push(item);
      }
    }
    return found;
  };
  const origins = values('origin');
  return {
    // Several different Origin values cannot come from a browser: answer as if none was sent.
    origin: origins.length === 1 ? origins[0] : undefined,
    preflight: method === 'OPTIONS' && values('access-control-request-method').some((value) => value.trim()),
    requestedHeaders: values('access-control-request-headers').join(','),
  };
}

// A serialized origin is printable ASCII without spaces or commas (browsers punycode hosts). Anything
// else (a list, a header-injection attempt, non-ASCII) is never echoed, whatever the policy says.

/** The request's Origin when the policy allows it, otherwise undefined. Internal. */
export function allowedOrigin(policy: CompiledPolicy, origin: string | undefined): string | undefined {
  if (origin === undefined || !SAFE_ITEM.test(origin)) return undefined;
  return policy.origins.some((entry) => originMatches(entry, origin)) ? origin : undefined;
}

// Header names (RFC 9110 tokens) separated by commas: echoed in lowercase; anything else is not echoed.
function echoedHeaders(requested = ''): string | undefined {
  return /^[\w!#$%&'*+.^`|~-]+( *, *[\w!#$%&'*+.^`|~-]+)*$/.test(requested) ? requested.toLowerCase() : undefined;
}

/** The CORS headers for one request under a compiled policy. Internal; see {@link corsHeaders}. */
export function headersFor(policy: CompiledPolicy, request: CorsRequest): CorsResponseHeaders {
  const allowOrigin = policy.anyOrigin ? '*' : allowedOrigin(policy, request.origin);
  const echo = request.preflight && policy.echoHeaders;
  const headers: CorsResponseHeaders = {};
  if (allowOrigin !== undefined) {
    headers[`${AC}Allow-Origin`] = allowOrigin;
    Object.assign(headers, request.preflight ? policy.preflight : policy.actual);
    const requested = echo ? echoedHeaders(request.requestedHeaders) : undefined;
    if (requested) headers[`${AC}Allow-Headers`] = requested;
  }
  if (!policy.anyOrigin) headers['Vary'] = echo ? `Origin, ${AC}Request-Headers` : 'Origin';
  return headers;
}

/**
 * The CORS response headers for one request, from a normalized policy (the value
 * `cors.bindToFunction(fn)` stores, or `normalizeCorsPolicy(props)`).
 *
 * - `Access-Control-Allow-Origin` echoes the request's `Origin` only when an `allowOrigins` entry
 *   matches it (exact, byte for byte, or a pattern, with the same `originMatches` the validator and
 *   every adapter use); `*` for a `*` policy without credentials. A disallowed, missing, ambiguous
 *   (several values) or malformed Origin gets no `Access-Control-*` header at all.
 * - `Vary: Origin` whenever the answer depends on the Origin, i.e. always unless the policy is `*`
 *   without credentials, including on answers to disallowed origins (so a shared cache keys on it).
 * - `Access-Control-Allow-Credentials: true` when the policy allows credentials.
 * - Actual requests: `Access-Control-Expose-Headers` (when the list is not empty).
 * - Preflights (`OPTIONS` with `Access-Control-Request-Method`): `Access-Control-Allow-Methods`,
 *   `Access-Control-Allow-Headers`, `Access-Control-Max-Age` (when set). Lists are sent as the policy
 *   holds them; with credentials a `*` in `allowHeaders` is answered with the requested header names
 *   (and `Vary: Access-Control-Request-Headers`), as the REST API preflight and S3 do, because the
 *   Fetch standard reads a literal `*` as a header name when credentials are on.
 *
 * @param policy - a normalized policy.
 * @param requestHeaders - the request headers in any name case, one value or several per name
 * (`event.headers`, `event.multiValueHeaders`); `null` or omitted for none.
 * @param method - the request method; only `OPTIONS` (uppercase, as browsers send it, with `Access-Control-Request-Method`) makes
 * the answer a preflight answer. Omitted: an actual request.
 * @returns header names in their usual spelling mapped to values.
 * @throws CorsRuntimeConfigError when `policy` is not a normalized policy (for example `*` with credentials).
 */
export function corsHeaders(policy: NormalizedCorsPolicy, requestHeaders?: RequestHeaders | null, method?: string): CorsResponseHeaders {
  const compiled = compiledFor(policy, CODE_SOURCE);
  return headersFor(compiled, readCorsRequest([requestHeaders], method));
}
