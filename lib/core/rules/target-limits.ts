import { ANY_HEADER } from '../headers';
import { isHttpToken } from '../grammar';
import { ANY_METHOD, FORBIDDEN_METHODS, normalizeMethod } from '../methods';
import type { OriginKind, ParsedOrigin } from '../origin';
import type { CorsTarget } from '../props';
import { TARGET_CAPABILITIES } from '../targets/capabilities';
import { at, type PolicyInput, type PolicyList } from './input';
import { DiagnosticSink, quote } from './sink';

/** What the target-independent checks established, for the target checks to build on. */
export interface CheckedPolicy {
  readonly input: PolicyInput;
  readonly origins: readonly ParsedOrigin[];
  readonly maxAgeSeconds: number | undefined;
}

/**
 * Which values the deployed configuration sends, or compares, exactly as written where the target's generated
 * code would match or echo them (`ValidateCorsPolicyOptions.literalWildcards`, read).
 */
export interface LiteralValues {
  /** Positions in the caller's `allowOrigins` sent as a static value or compared with `==`; `all` for every entry. */
  readonly origins: ReadonlySet<number> | 'all';
  /** Whether `*` in `allowHeaders` is a static header value. */
  readonly headers: boolean;
}

const NOTHING_LITERAL: LiteralValues = { origins: new Set(), headers: false };

const PATTERN_KINDS: ReadonlySet<OriginKind> = new Set(['subdomain-pattern', 'port-pattern', 'scheme-pattern']);

// The kept entries of a list grouped by `key` (entries without one left out), each group in list order: built once
// per check so every lookup below is constant time (a scan of the list per origin or method was quadratic).
function entriesBy(values: readonly string[], key: (value: string) => string | undefined): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  values.forEach((value, i) => {
    const k = key(value);
    if (k === undefined) return;
    const group = groups.get(k);
    if (group) group.push(i);
    else groups.set(k, [i]);
  });
  return groups;
}

// The caller's position of the first kept entry of `list` in `group` (none when the group is empty).
function firstOf(input: PolicyInput, list: PolicyList, group: readonly number[] | undefined): { index?: number } {
  return group && group.length > 0 ? at(input, list, group[0]!) : {};
}

// The caller's positions of every entry written as `origin`, when each of them is sent literally: a copy that
// the configuration matches (this library's anchored regex) still matches, whatever a literal copy does.
function literalPositions(input: PolicyInput, written: readonly number[] | undefined, literal: LiteralValues): number[] {
  const positions = (written ?? []).map((i) => input.positions.origins[i]!);
  if (literal.origins === 'all') return positions;
  const sent = literal.origins;
  return positions.length > 0 && positions.every((p) => sent.has(p)) ? positions : [];
}

function describeOriginKind(origin: ParsedOrigin): string {
  switch (origin.kind) {
    case 'subdomain-pattern': return 'subdomain wildcards';
    case 'port-pattern': return 'port wildcards';
    case 'scheme-pattern': return 'scheme wildcards';
    default: return 'this origin';
  }
}

function checkListSize(input: PolicyInput, list: PolicyList, max: number | undefined, maxLength: number | undefined, report: (message: string, details?: { value: string; index?: number }) => void, noun: string, name: string): void {
  const values = input[list];
  if (max !== undefined && values.length > max) {
    report(`${values.length} ${noun} exceed the ${name} limit of ${max}; ${noun === 'origins' ? 'use fewer origins or a target that accepts patterns' : 'remove entries or use \'*\' where credentials are off'}.`);
  }
  if (maxLength !== undefined) {
    for (const [i, value] of values.entries()) {
      if (value.length > maxLength) report(`${quote(value.slice(0, 40))}… is ${value.length} characters, over the ${name} limit of ${maxLength} per entry.`, { value, ...at(input, list, i) });
    }
  }
}

// The caller's position of the first entry of a list that satisfies `test`.
function firstAt(input: PolicyInput, list: PolicyList, test: (value: string) => boolean): { index?: number } {
  return at(input, list, input[list].findIndex(test));
}

/** Checks one target's limits and behaviours that follow from the policy alone. */
export function checkTarget(target: CorsTarget, policy: CheckedPolicy, sink: DiagnosticSink, literal: LiteralValues = NOTHING_LITERAL, gatewayResponses = true): void {
  const caps = TARGET_CAPABILITIES[target];
  const { input, origins } = policy;
  const name = caps.displayName;
  const originsWritten = entriesBy(input.origins, (raw) => raw);

  for (const origin of origins) {
    if (!caps.originKinds.has(origin.kind)) {
      sink.add('origin-pattern-unsupported', 'allowOrigins', `${quote(origin.raw)}: ${caps.withArticle} cannot express ${describeOriginKind(origin)}, so the pattern would be sent literally and never match. List the exact origins for this target${target === 'http-api' ? " (HTTP APIs accept only '*', 'https://*' and 'http://*')" : ''}.`, { value: origin.raw, target, ...firstOf(input, 'origins', originsWritten.get(origin.raw)) });
      continue;
    }
    const sentAsWritten = PATTERN_KINDS.has(origin.kind) ? literalPositions(input, originsWritten.get(origin.raw), literal) : [];
    if (sentAsWritten.length > 0) {
      const rest = target === 'rest-api';
      sink.add('origin-pattern-unsupported', 'allowOrigins', `${quote(origin.raw)} is sent as written here (a static header value or an exact == comparison${rest ? ", as aws-cdk-lib's CorsOptions and hand-written OPTIONS methods send it" : ''}), and browsers never send '*' in an Origin header, so it never matches. List the exact origins${rest ? ", or use cors-constructs' CorsPolicy.applyToRestApi, which generates an anchored match for the pattern" : ''}.`, { value: origin.raw, target, index: sentAsWritten[0]! });
    }
  }
  checkListSize(input, 'origins', caps.maxOrigins, caps.maxOriginLength, (message, details) => sink.add('origins-too-many', 'allowOrigins', message, { target, ...details }), 'origins', name);

  // Entries that break a grammar rule were reported already; a target limit on them would only repeat it.
  const methods = [...new Set(input.methods.filter((m) => isHttpToken(m) && !FORBIDDEN_METHODS.has(m.toUpperCase())).map(normalizeMethod))];
  const methodsWritten = entriesBy(input.methods, (m) => (isHttpToken(m) ? normalizeMethod(m) : undefined));
  if (caps.methods) {
    for (const method of methods) {
      if (method !== ANY_METHOD && !caps.methods.has(method)) {
        const hint = target === 'function-url' && method === 'OPTIONS'
          ? ` The function URL answers preflights itself; remove OPTIONS${methods.includes(ANY_METHOD) ? " ('*' already allows every method)" : ", or use '*' for every method"}.`
          : ` Supported: ${[...caps.methods].join(', ')}${caps.methodWildcard === 'native' ? ", or '*'" : ''}.`;
        sink.add('method-unsupported', 'allowMethods', `${quote(method)} cannot be allowed on ${caps.withArticle}, which rejects it at deploy time.${hint}`, { value: method, target, ...firstOf(input, 'methods', methodsWritten.get(method)) });
      }
    }
  }
  if (caps.maxMethods !== undefined && methods.length > caps.maxMethods) {
    sink.add('method-unsupported', 'allowMethods', `${methods.length} methods exceed the ${name} limit of ${caps.maxMethods}; use '*' for every method.`, { target });
  }
  if (caps.maxMethodLength !== undefined) {
    for (const method of methods) {
      if (method.length > caps.maxMethodLength) sink.add('method-unsupported', 'allowMethods', `${quote(method)} is longer than the ${name} limit of ${caps.maxMethodLength} characters.`, { value: method, target, ...firstOf(input, 'methods', methodsWritten.get(method)) });
    }
  }

  checkListSize(input, 'headers', caps.maxHeaders, caps.maxHeaderLength, (message, details) => sink.add('headers-too-many', 'allowHeaders', message, { target, ...details }), 'headers', name);
  checkListSize(input, 'exposeHeaders', caps.maxHeaders, caps.maxHeaderLength, (message, details) => sink.add('headers-too-many', 'exposeHeaders', message, { target, ...details }), 'exposed headers', name);

  // Where the target echoes '*' (S3, this library's REST preflight), a static '*' header is still sent as written.
  const staticWildcard = caps.headerWildcard !== 'literal' && literal.headers;
  if ((caps.headerWildcard === 'literal' || staticWildcard) && input.headers.includes(ANY_HEADER)) {
    const wildcard = firstAt(input, 'headers', (h) => h === ANY_HEADER);
    if (staticWildcard && input.credentials) {
      const rest = target === 'rest-api';
      sink.add('header-wildcard-with-credentials', 'allowHeaders', `'*' with allowCredentials: true: this configuration sends '*' as written (a static Access-Control-Allow-Headers value${rest ? ", as aws-cdk-lib's CorsOptions and hand-written OPTIONS methods send it" : ''}), which browsers read as a header named '*' on credentialed requests (Fetch standard), so every request header that is not CORS-safelisted fails the preflight. List the request headers you need, e.g. ['content-type', 'authorization']${rest ? ", or use cors-constructs' CorsPolicy.applyToRestApi, which echoes the requested headers" : ''}.`, { value: ANY_HEADER, target, ...wildcard });
    } else if (input.credentials) {
      sink.add('header-wildcard-with-credentials', 'allowHeaders', `'*' with allowCredentials: true: ${caps.withArticle} sends '*' literally, which browsers read as a header named '*' on credentialed requests (Fetch standard)${target === 'cloudfront' ? ', and CloudFront rejects the policy' : ''}. List the request headers you need, e.g. ['content-type', 'authorization'].`, { value: ANY_HEADER, target, ...wildcard });
    } else if (!input.headers.some((h) => h.toLowerCase() === 'authorization')) {
      sink.add('header-authorization-wildcard', 'allowHeaders', `'*' does not cover Authorization in the Fetch standard${target === 'cloudfront' ? ' and CloudFront requires listing it' : ''}; Chromium, Firefox and WebKit all let it through today on requests without credentials (docs/conformance.md; whatwg/fetch#1919 is open), so a browser that follows the standard would fail the preflight. Add 'authorization' next to '*' if clients send it.`, { value: ANY_HEADER, target, ...wildcard });
    }
  }

  if (caps.maxAgeLimit !== undefined && policy.maxAgeSeconds !== undefined && policy.maxAgeSeconds > caps.maxAgeLimit) {
    sink.add('max-age-too-large', 'maxAgeSeconds', `maxAgeSeconds ${policy.maxAgeSeconds} is over the ${name} limit of ${caps.maxAgeLimit} seconds, so the deployment fails. Use ${Math.min(caps.maxAgeLimit, 7200)} or less.`, { value: String(policy.maxAgeSeconds), target });
  }

  if (target === 's3' && input.credentialsExplicitlyFalse && origins.some((o) => o.kind !== 'any')) {
    sink.add('credentials-implicit', 'allowCredentials', "allowCredentials is false, but S3 has no such setting: it sends Access-Control-Allow-Credentials: true for every origin it echoes (S3 API Reference, common response headers). S3's own authorization never uses cookies, so this is harmless, but the bucket does not do what the policy says; remove allowCredentials: false or use allowOrigins: ['*'].", { value: 'false', target });
  }

  const exactOrigins = origins.filter((o) => o.kind === 'exact' || o.kind === 'null');
  if (target === 'rest-api' && gatewayResponses && (origins.length > 1 || (origins.length === 1 && origins[0]!.kind !== 'any' && origins[0]!.kind !== 'exact'))) {
    const answered = exactOrigins[0];
    sink.add('gateway-response-origin', 'allowOrigins', answered
      ? `Gateway error responses (DEFAULT_4XX, DEFAULT_5XX) can carry only one static Access-Control-Allow-Origin, so they name ${quote(answered.canonical)} and the other origins see a CORS error instead of the error body. Put the origin whose users most need error details first, or pass { gatewayResponses: false }. Requests blocked by AWS WAF never get CORS headers.`
      : 'Gateway error responses (DEFAULT_4XX, DEFAULT_5XX) can carry only one static Access-Control-Allow-Origin and this policy lists only patterns, so no gateway response gets CORS headers; list an exact origin to answer errors for, or pass { gatewayResponses: false } to acknowledge.',
    { target });
  }
}
