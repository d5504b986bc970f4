import { isHttpToken } from '../grammar';
import { ANY_HEADER, FORBIDDEN_RESPONSE_HEADERS, isCorsResponseHeader, isForbiddenRequestHeader, SAFELISTED_RESPONSE_HEADERS } from '../headers';
import { at, type PolicyInput, type PolicyList } from './input';
import { DiagnosticSink, quote } from './sink';

function reportDuplicates(input: PolicyInput, list: Extract<PolicyList, 'headers' | 'exposeHeaders'>, field: 'allowHeaders' | 'exposeHeaders', sink: DiagnosticSink): void {
  const seen = new Set<string>();
  for (const [i, value] of input[list].entries()) {
    // Entries that are not tokens were reported as invalid already.
    if (!isHttpToken(value)) continue;
    const key = value.toLowerCase();
    if (seen.has(key)) {
      sink.add('header-duplicate', field, `${quote(value)} is listed more than once (header names are case-insensitive); remove the repeated entry.`, { value, ...at(input, list, i) });
    }
    seen.add(key);
  }
}

/** Checks every `allowHeaders` rule that does not depend on a target. */
export function checkAllowHeaders(input: PolicyInput, sink: DiagnosticSink): void {
  const field = 'allowHeaders';
  for (const [i, header] of input.headers.entries()) {
    const pos = at(input, 'headers', i);
    if (!isHttpToken(header)) {
      sink.add('header-invalid', field, `${quote(header)} is not a header name (RFC 9110 token, no spaces, colons or commas). List one header per entry.`, { value: header, ...pos });
    } else if (isCorsResponseHeader(header)) {
      sink.add('header-is-response-header', field, `${quote(header)} is a CORS response header that only the server sends; a client sending it triggers a preflight and changes nothing. Remove it from allowHeaders (and from the client's request).`, { value: header, ...pos });
    } else if (isForbiddenRequestHeader(header)) {
      sink.add('header-forbidden', field, `${quote(header)} is a forbidden request header that scripts can never set, so allowing it has no effect; remove it (the browser manages it).`, { value: header, ...pos });
    }
  }
  reportDuplicates(input, 'headers', field, sink);
}

/** Checks every `exposeHeaders` rule. */
export function checkExposeHeaders(input: PolicyInput, sink: DiagnosticSink): void {
  const field = 'exposeHeaders';
  for (const [i, header] of input.exposeHeaders.entries()) {
    const pos = at(input, 'exposeHeaders', i);
    const lower = header.toLowerCase();
    if (!isHttpToken(header)) {
      sink.add('expose-invalid', field, `${quote(header)} is not a header name (RFC 9110 token, no spaces, colons or commas). List one header per entry.`, { value: header, ...pos });
    } else if (header === ANY_HEADER && input.credentials) {
      sink.add('expose-wildcard-with-credentials', field, "'*' with allowCredentials: true is a literal header name, not a wildcard (Fetch standard), so scripts read no extra header. List the headers scripts need, e.g. ['etag', 'x-request-id'].", { value: header, ...pos });
    } else if (FORBIDDEN_RESPONSE_HEADERS.has(lower)) {
      sink.add('expose-forbidden', field, `${quote(header)} is never exposed to scripts, whatever the server says (Fetch: forbidden response-header name); remove it.`, { value: header, ...pos });
    } else if (SAFELISTED_RESPONSE_HEADERS.has(lower)) {
      sink.add('expose-safelisted', field, `${quote(header)} is a CORS-safelisted response header that scripts can always read; remove it to keep the list meaningful.`, { value: header, ...pos });
    }
  }
  reportDuplicates(input, 'exposeHeaders', field, sink);
}
