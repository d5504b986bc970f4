import type { NormalizedCorsPolicy } from '../core/normalize';
import { headersFor, readCorsRequest } from './headers';
import { CODE_SOURCE, compiledFor, ENV_SOURCE, readRuntimePolicy, type CompiledPolicy, type CorsRuntimeConfigError } from './policy';
import type { CorsGeneratedResult, CorsProxyEvent, CorsProxyResult, CorsResponseHeaders } from './types';
import { isRecord, PREFIX } from './util';

/** Options of {@link withCors}. */
export interface WithCorsOptions {
  /**
   * The normalized policy (`normalizeCorsPolicy(props)`). Omitted: read once, at the first
   * invocation, from the environment variable `CORS_CONSTRUCTS_POLICY` that `cors.bindToFunction(fn)` sets.
   */
  readonly policy?: NormalizedCorsPolicy;
}

/** A Lambda proxy handler: async or returning its result directly. */
export type ProxyHandler<TEvent, TResult, TContext> = (event: TEvent, context: TContext) => TResult | Promise<TResult>;

/** The wrapped handler: always async. */
export type CorsProxyHandler<TEvent, TResult, TContext> = (event: TEvent, context: TContext) => Promise<TResult | CorsGeneratedResult>;

function jsonResult(statusCode: number, body: string, headers: CorsResponseHeaders): CorsGeneratedResult {
  return { statusCode, headers: { ...headers, 'Content-Type': 'application/json' }, body };
}

// The body API Gateway itself sends with a 500: the error's own message is never sent to the client.
const ERROR_BODY = '{"message":"Internal Server Error"}';

/**
 * Merges the CORS headers into a result's `headers` / `multiValueHeaders` (copies; the handler's
 * objects are not modified): every `Access-Control-*` header the handler set, in any case and in
 * either record, is dropped for the policy's; `Vary` values are merged case-insensitively into one
 * `Vary` header; every other header is kept as the handler wrote it.
 */
function mergeHeaders(result: Record<string, unknown>, cors: CorsResponseHeaders): Record<string, unknown> {
  const headers: Record<string, unknown> = { ...(isRecord(result.headers) && result.headers) };
  const multi = isRecord(result.multiValueHeaders) ? { ...result.multiValueHeaders } : undefined;
  let vary = cors['Vary'] ?? '';
  for (const record of [headers, multi ?? {}]) {
    for (const name of Object.keys(record)) {
      const lower = name.toLowerCase();
      // A multi-value array stringifies as its values joined with commas.
      if (lower === 'vary') vary += `,${record[name] as string}`;
      if (lower === 'vary' || lower.startsWith('access-control-')) delete record[name];
    }
  }
  const varyNames = [...new Map(vary.split(',').map((item) => item.trim()).filter((item) => item).map((item) => [item.toLowerCase(), item])).values()];
  Object.assign(headers, cors, varyNames.length > 0 && { Vary: varyNames.includes('*') ? '*' : varyNames.join(', ') });
  return { ...result, headers, ...(multi && { multiValueHeaders: multi }) };
}

/**
 * Wraps an API Gateway Lambda proxy handler (REST API / payload format 1.0, or HTTP API / payload
 * format 2.0) so every response carries the CORS headers of the policy, computed by `corsHeaders`.
 *
 * - A preflight that reaches the function (`OPTIONS` with `Access-Control-Request-Method`, e.g.
 *   through an `ANY /{proxy+}` route) is answered 204 from the policy; the handler is not called.
 * - The handler's own headers are kept, except that **every `Access-Control-*` header it sets is
 *   replaced by the policy's** (the policy is the one source of truth), and its `Vary` values are
 *   merged with `Vary: Origin` into a single header. Names are matched case-insensitively in both
 *   `headers` and `multiValueHeaders`, so no header appears twice in different cases.
 * - A payload 2.0 result without `statusCode` (any JSON value) becomes the explicit 200 JSON response
 *   API Gateway would have made of it, with the CORS headers.
 * - A handler that throws gives a 500
 *   `{"message":"Internal Server Error"}` with the CORS headers, so the browser shows the error instead of
 *   a CORS failure; the error itself is logged with `console.error`, never put in the body.
 * - Without `options.policy`, the policy is read once, lazily, at the first invocation, from
 *   `CORS_CONSTRUCTS_POLICY`. When it is missing, not JSON or not a policy, every invocation logs
 *   why (naming the variable) and answers 500 with `Vary: Origin` and no
 *   `Access-Control-Allow-Origin`, without calling the handler. An entry the validator rejects as an
 *   error (e.g. a deploy-time origin with a trailing slash, `null` or `*` with credentials, a
 *   pattern on a public suffix such as `https://*.com` with credentials, `TRACE`, `*` exposed with
 *   credentials) is dropped, logged once per cold start naming the entry and the variable, and the
 *   other entries are served; in `options.policy` it throws. Methods are sent normalized (`get` as `GET`).
 *
 * @example
 * ```ts
 * import { withCors } from 'cors-constructs/runtime';
 * export const handler = withCors(async (event) => ({ statusCode: 200, body: JSON.stringify({ ok: true }) }));
 * ```
 * @param handler - the proxy handler.
 * @param options - an explicit policy; by default the one `cors.bindToFunction(fn)` bound.
 * @returns the wrapped handler.
 * @throws CorsRuntimeConfigError at wrap time when `options.policy` is not a normalized policy.
 */
export function withCors<TEvent = CorsProxyEvent, TResult = CorsProxyResult, TContext = unknown>(
  handler: ProxyHandler<TEvent, TResult, TContext>,
  options: WithCorsOptions = {},
): CorsProxyHandler<TEvent, TResult, TContext> {
  let policy: CompiledPolicy | CorsRuntimeConfigError | undefined =
    options.policy && compiledFor(options.policy, CODE_SOURCE);

  return async (event, context) => {
    try {
      policy ??= compiledFor(readRuntimePolicy(), ENV_SOURCE);
    } catch (error) {
      policy = error as CorsRuntimeConfigError;
    }
    if (policy instanceof Error) {
      console.error(policy.message);
      return jsonResult(500, ERROR_BODY, { Vary: 'Origin' });
    }
    const record: Record<string, unknown> = isRecord(event) ? event : {};
    const http = isRecord(record.requestContext) ? record.requestContext.http : undefined;
    // Payload 2.0 carries the method in requestContext.http, payload 1.0 in httpMethod.
    const v2 = isRecord(http);
    const method = v2 ? (http as Record<string, unknown>).method : record.httpMethod;
    const request = readCorsRequest([record.headers, record.multiValueHeaders], method);
    const cors = headersFor(policy, request);
    if (request.preflight) return { statusCode: 204, headers: cors, body: '' };
    let result: unknown;
    try {
      result = await handler(event, context);
    } catch (error) {
      console.error(`${PREFIX}the handler threw`, error);
      return jsonResult(500, ERROR_BODY, cors);
    }
    if (isRecord(result) && (!v2 || 'statusCode' in result)) return mergeHeaders(result, cors) as TResult;
    // Payload 2.0 without statusCode: API Gateway would answer 200 with the value as a JSON body.
    // Say so explicitly, so the CORS headers go along.
    // Anything else is not a proxy result: passed on as it is (a REST API answers it with a 502
    // gateway response, which carries CORS headers when the API's gateway responses do).
    return (v2 ? jsonResult(200, JSON.stringify(result ?? null), cors) : result) as TResult | CorsGeneratedResult;
  };
}
