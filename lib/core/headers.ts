/** Header names as the Fetch standard treats them: case-insensitive, some forbidden or safelisted. */

/** The wildcard entry: any header name, only without credentials. */
export const ANY_HEADER = '*';

// Fetch standard, "forbidden request-header": scripts can never set these.
const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive',
  'origin', 'referer', 'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'via',
]);

/** Whether scripts can never set this request header (Fetch, "forbidden request-header"), so listing it does nothing. */
export function isForbiddenRequestHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return FORBIDDEN_REQUEST_HEADERS.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-');
}

/** Whether a name is one of the CORS response headers (`Access-Control-Allow-*`, `-Expose-Headers`, `-Max-Age`), which clients never need to send. */
export function isCorsResponseHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('access-control-allow-') || lower === 'access-control-expose-headers' || lower === 'access-control-max-age';
}

/** Response headers browsers never expose to scripts (Fetch, "forbidden response-header name"). */
export const FORBIDDEN_RESPONSE_HEADERS: ReadonlySet<string> = new Set(['set-cookie', 'set-cookie2']);

/** Response headers always exposed to scripts (Fetch, "CORS-safelisted response-header name"). */
export const SAFELISTED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma',
]);

/** Request headers a script may send without a preflight, given a safelisted value (Fetch, "CORS-safelisted request-header"). */
export const SAFELISTED_REQUEST_HEADERS: ReadonlySet<string> = new Set(['accept', 'accept-language', 'content-language', 'content-type', 'range']);

/** The header name in the case the policy renders it: lowercase, as HTTP APIs and function URLs store it. */
export function normalizeHeaderName(name: string): string {
  return name.toLowerCase();
}
