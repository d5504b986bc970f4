import { isHttpToken } from '../grammar';
import { SAFELISTED_METHODS } from '../methods';
import { wildcardCoversAuthorization, type CorsBrowser } from './browser-deviations';
import type { ResponseHeaders } from './types';

/**
 * The browser side, as the WHATWG Fetch standard defines it:
 * - "CORS check" (https://fetch.spec.whatwg.org/#cors-check), run on the preflight response and on
 *   the actual response;
 * - the checks of the "CORS-preflight fetch" (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0):
 *   ok status, `Access-Control-Allow-Methods` and `Access-Control-Allow-Headers`, with `*` a
 *   wildcard only without credentials and never covering `Authorization`
 *   ("CORS non-wildcard request-header name").
 */

/** The result of one check: passed, or the reason it failed. */
export type CheckResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const OK: CheckResult = { ok: true };

/** A response header by name, case-insensitively; `undefined` when absent. */
export function getHeader(headers: ResponseHeaders, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === lower) return value;
  }
  return undefined;
}

/**
 * Fetch, "extract header list values" for a comma-separated list of tokens; `undefined` when the
 * header is absent, `'failure'` when an item is not a token (the browser then fails the preflight).
 */
export function headerListValues(headers: ResponseHeaders, name: string): string[] | undefined | 'failure' {
  const raw = getHeader(headers, name);
  if (raw === undefined) return undefined;
  const items = raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return items.every(isHttpToken) ? items : 'failure';
}

/** Fetch, "CORS check": whether the response lets `origin` read it, with or without credentials. */
export function corsCheck(headers: ResponseHeaders, origin: string, credentials: boolean): CheckResult {
  const allowOrigin = getHeader(headers, 'Access-Control-Allow-Origin');
  if (allowOrigin === undefined) return { ok: false, reason: 'the response has no Access-Control-Allow-Origin header' };
  if (allowOrigin === '*') {
    return credentials
      ? { ok: false, reason: 'Access-Control-Allow-Origin is *, which browsers reject for credentialed requests (Fetch, CORS check): the response must name the origin' }
      : OK;
  }
  if (allowOrigin !== origin) {
    const duplicate = allowOrigin.includes(',');
    return {
      ok: false,
      reason: duplicate
        ? `Access-Control-Allow-Origin holds several values (${allowOrigin}); browsers accept exactly one origin, so a header sent twice fails`
        : `Access-Control-Allow-Origin is ${allowOrigin}, not the request's origin ${origin}`,
    };
  }
  if (!credentials) return OK;
  const allowCredentials = getHeader(headers, 'Access-Control-Allow-Credentials');
  return allowCredentials === 'true'
    ? OK
    : { ok: false, reason: `the request carries credentials but the response has ${allowCredentials === undefined ? 'no Access-Control-Allow-Credentials header' : `Access-Control-Allow-Credentials: ${allowCredentials}`} (it must be exactly true)` };
}

/** Whether an HTTP status is an "ok status" (200-299). */
export function isOkStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}

/** What the preflight checks need to know about the actual request. */
export interface PreflightCheckRequest {
  /** The request's origin. */
  readonly origin: string;
  /** The normalized method of the actual request. */
  readonly method: string;
  /** Every header name the script sets (lowercase), for the Authorization rule. */
  readonly headerNames: readonly string[];
  /** The CORS-unsafe request-header names (lowercase). */
  readonly unsafeHeaderNames: readonly string[];
  /** Whether the actual request is credentialed. */
  readonly credentials: boolean;
  /** Whose checks to apply (default: the Fetch standard); see browser-deviations.ts. */
  readonly browser?: CorsBrowser;
}

/** The checks of the CORS-preflight fetch on the preflight response. */
export function preflightCheck(status: number, headers: ResponseHeaders, request: PreflightCheckRequest): CheckResult {
  const cors = corsCheck(headers, request.origin, request.credentials);
  if (!cors.ok) return { ok: false, reason: `preflight: ${cors.reason}` };
  if (!isOkStatus(status)) return { ok: false, reason: `preflight: the response status is ${status}, not 2xx` };

  const methods = headerListValues(headers, 'Access-Control-Allow-Methods');
  if (methods === 'failure') return { ok: false, reason: `preflight: Access-Control-Allow-Methods (${getHeader(headers, 'Access-Control-Allow-Methods')}) is not a list of method names` };
  const headerNames = headerListValues(headers, 'Access-Control-Allow-Headers');
  if (headerNames === 'failure') return { ok: false, reason: `preflight: Access-Control-Allow-Headers (${getHeader(headers, 'Access-Control-Allow-Headers')}) is not a list of header names` };

  const methodList = methods ?? [];
  // Methods are compared byte for byte: the request's method is already normalized.
  if (!methodList.includes(request.method) && !SAFELISTED_METHODS.has(request.method)) {
    if (request.credentials || !methodList.includes('*')) {
      const sent = methods === undefined ? 'no Access-Control-Allow-Methods header' : `Access-Control-Allow-Methods: ${getHeader(headers, 'Access-Control-Allow-Methods')}`;
      const why = methodList.includes('*') ? ' (* is a literal method name for credentialed requests)' : '';
      return { ok: false, reason: `Access-Control-Allow-Methods does not list ${request.method}${why} (the preflight answered ${sent})` };
    }
  }

  const allowed = new Set((headerNames ?? []).map((h) => h.toLowerCase()));
  // The engines let `*` cover Authorization for requests without credentials (browser-deviations.ts).
  const wildcardCovers = allowed.has('*') && !request.credentials && wildcardCoversAuthorization(request.browser);
  if (request.headerNames.includes('authorization') && !allowed.has('authorization') && !wildcardCovers) {
    const why = allowed.has('*') ? ' (* does not cover Authorization: Fetch, "CORS non-wildcard request-header name")' : '';
    return { ok: false, reason: `Access-Control-Allow-Headers does not list authorization${why}` };
  }
  for (const name of request.unsafeHeaderNames) {
    if (allowed.has(name)) continue;
    if (request.credentials || !allowed.has('*')) {
      const why = allowed.has('*') ? ' (* is a literal header name for credentialed requests)' : '';
      return { ok: false, reason: `Access-Control-Allow-Headers does not list ${name}${why}` };
    }
  }
  return OK;
}

/** Response headers a script can read beyond the safelisted ones (Fetch, `Access-Control-Expose-Headers`). */
export function exposedHeaderNames(headers: ResponseHeaders, credentials: boolean): string[] {
  const values = headerListValues(headers, 'Access-Control-Expose-Headers');
  if (values === undefined || values === 'failure') return [];
  // `*` exposes every header only for requests without credentials (Fetch, main fetch step for CORS responses).
  return values.filter((v) => v !== '*' || !credentials).map((v) => v.toLowerCase());
}
