import { unreachableOrigin } from './origin-limits';

/**
 * The origin grammar: what an entry of `allowOrigins` may be, its canonical form, and the one
 * matching semantics that the validator, the simulator, the runtime helper and every adapter share.
 *
 * A serialized origin is `scheme "://" host [ ":" port ]` (WHATWG HTML, "serialization of an origin");
 * http(s) origins are compared byte for byte with the `Origin` header, which browsers send lowercase,
 * punycoded and without a default port. Patterns:
 * - `https://*.example.com`: one or more DNS labels before `example.com` (never the bare domain);
 * - `http://localhost:*`: any explicit port;
 * - `https://*` / `http://*`: any origin of that scheme.
 */

/** What an `allowOrigins` entry stands for. */
export type OriginKind = 'any' | 'null' | 'exact' | 'subdomain-pattern' | 'port-pattern' | 'scheme-pattern';

/** A well-formed `allowOrigins` entry. */
export interface ParsedOrigin {
  /** The entry as written. */
  readonly raw: string;
  /** What the entry stands for. */
  readonly kind: OriginKind;
  /** The scheme, lowercase for http(s), as written otherwise; empty for `*` and `null`. */
  readonly scheme: string;
  /** The host; for a subdomain pattern the base after `*.`; `*` for a scheme pattern. */
  readonly host: string;
  /** The explicit port, `*` for a port pattern, empty when absent. */
  readonly port: string;
  /** The canonical serialization (browsers' form), patterns keeping their `*`. */
  readonly canonical: string;
}

/** Why an entry is not a usable origin. */
export type OriginProblemRule =
  | 'origin-malformed'
  | 'origin-trailing-slash'
  | 'origin-not-canonical'
  | 'origin-scheme-unsupported'
  | 'origin-pattern-invalid';

/**
 * An entry that is not a usable origin: the rule it breaks, why, and the fixed form when there is one.
 * For `origin-not-canonical` the reason states only how browsers serialize the origin; whether that
 * makes the entry fail depends on whether it is deployed as written (the validator says so).
 */
export interface OriginProblem {
  readonly rule: OriginProblemRule;
  readonly reason: string;
  readonly suggestion?: string;
}

/** The result of {@link parseOrigin}: exactly one of `origin` or `problem`. */
export type OriginParseResult = { readonly origin: ParsedOrigin; readonly problem?: undefined } | { readonly origin?: undefined; readonly problem: OriginProblem };

/** Schemes whose documents never send a usable origin of their own. */
export const UNSUPPORTED_ORIGIN_SCHEMES: ReadonlySet<string> = new Set(['file', 'data', 'blob', 'about', 'javascript', 'ws', 'wss', 'ftp']);

/** Non-web schemes that real clients send: hybrid app shells (Capacitor, Ionic, Tauri) and Chrome/Edge extensions. */
export const KNOWN_APP_SCHEMES: ReadonlySet<string> = new Set(['capacitor', 'ionic', 'tauri', 'chrome-extension']);

/** Extension schemes whose host is a per-installation UUID. */
export const PER_INSTALL_EXTENSION_SCHEMES: ReadonlySet<string> = new Set(['moz-extension', 'safari-web-extension']);

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;
// Chromium extension ids are 32 characters a-p (base16 of a key hash, mapped to a-p).
const CHROME_EXTENSION_ID = /^[a-p]{32}$/;
const PORT = /^[0-9]{1,5}$/;

// The characters of one label of a subdomain a pattern stands for: printable ASCII except `# . / : ? @`.
// A browser serializes a host as lowercase ASCII (punycode), so nothing else can come from one; spelled out
// with \x escapes because `\s`, `.` and non-ASCII classes differ between Java (API Gateway's Velocity) and
// JavaScript regexes.
const LABEL = /^[!"$-\-0-9;->A-~]+$/;

/**
 * Pattern pieces of {@link originPatternRegex}. The subdomains are one or more labels and a dot, written
 * without a repeated group (`(label\.)+` makes Java's regex engine recurse once per label and overflow its
 * stack on an Origin of ~2,000 labels): a label character, then label characters or dots, then a dot, and
 * no `..` anywhere (a lookahead). The port is what {@link originMatches} accepts (one to five digits), and
 * the rest of a scheme pattern is any character, newlines included, in both engines.
 */
export const REGEX_SUBDOMAINS = '(?!.*\\.\\.)[\\x21\\x22\\x24-\\x2D\\x30-\\x39\\x3B-\\x3E\\x41-\\x7E][\\x21\\x22\\x24-\\x2E\\x30-\\x39\\x3B-\\x3E\\x41-\\x7E]*\\.';
/** See {@link REGEX_SUBDOMAINS}. */
export const REGEX_PORT = '[0-9]{1,5}';
/** See {@link REGEX_SUBDOMAINS}. */
export const REGEX_ANY_REST = '[\\s\\S]+';
const DNS_HOST = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/;
const APP_HOST = /^[A-Za-z0-9._~+-]+$/;
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f]/;
// A placeholder label that survives URL parsing unchanged, used to canonicalize a pattern's base.
const PLACEHOLDER = 'x';

function fail(rule: OriginProblemRule, reason: string, suggestion?: string): OriginParseResult {
  return { problem: suggestion === undefined ? { rule, reason } : { rule, reason, suggestion } };
}

function ok(origin: ParsedOrigin): OriginParseResult {
  return { origin };
}

function unsupportedScheme(scheme: string): OriginParseResult {
  const why = scheme === 'blob'
    ? 'a blob: document carries the origin of the document that created it: list that origin instead'
    : scheme === 'ws' || scheme === 'wss'
      ? 'WebSocket URLs are never a document origin; the page opening the socket sends its own https:// origin'
      : scheme === 'file'
        ? 'file: documents send `null` (legacy Cordova/Android WebViews send `file://`), which every local file shares, so it identifies no app: serve the app from http(s)://localhost or an app scheme such as capacitor://localhost and list that'
        : `${scheme}: documents send no origin of their own (browsers send \`null\` or nothing): list the origin of the page that makes the request`;
  return fail('origin-scheme-unsupported', why);
}

/** Whether a scheme is http or https (the schemes with a canonical form and patterns). */
export function isHttpScheme(scheme: string): boolean {
  return scheme === 'http' || scheme === 'https';
}

/** Parses one `allowOrigins` entry. Never throws. */
export function parseOrigin(raw: string): OriginParseResult {
  if (raw === '*') return ok({ raw, kind: 'any', scheme: '', host: '', port: '', canonical: '*' });
  if (raw === 'null') return ok({ raw, kind: 'null', scheme: '', host: '', port: '', canonical: 'null' });
  if (raw.toLowerCase() === 'null') return fail('origin-malformed', 'the opaque origin is serialized as lowercase `null`', 'null');
  if (raw === '') return fail('origin-malformed', 'it is empty');
  if (WHITESPACE_OR_CONTROL.test(raw)) return fail('origin-malformed', 'it contains whitespace or a control character', raw.trim() !== raw ? raw.trim() : undefined);

  // `blob:https://…`, `data:…`, `about:blank` and `javascript:…` have no `//` after their scheme.
  const leadingScheme = raw.slice(0, Math.max(raw.indexOf(':'), 0)).toLowerCase();
  if (UNSUPPORTED_ORIGIN_SCHEMES.has(leadingScheme)) return unsupportedScheme(leadingScheme);

  const separator = raw.indexOf('://');
  if (separator < 0) {
    if (raw.includes('*')) return fail('origin-pattern-invalid', 'a pattern needs a scheme: the Origin header always starts with one', `https://${raw.replace(/^\/+/, '')}`);
    return fail('origin-malformed', 'it has no scheme: the Origin header is always `scheme://host[:port]`', `https://${raw.replace(/\/+$/, '')}`);
  }
  const scheme = raw.slice(0, separator);
  const rest = raw.slice(separator + 3);
  if (!SCHEME.test(scheme)) return fail('origin-malformed', `\`${scheme}\` is not a URL scheme`);
  const schemeLower = scheme.toLowerCase();

  if (rest.endsWith('/') && !/[/?#]/.test(rest.slice(0, -1)) && rest.length > 1) {
    const stripped = `${scheme}://${rest.slice(0, -1)}`;
    const parsed = parseOrigin(stripped);
    const suggestion = parsed.origin ? parsed.origin.canonical : parsed.problem.suggestion ?? stripped;
    return fail('origin-trailing-slash', 'browsers send the Origin header without a trailing slash, so this entry never matches', suggestion);
  }
  const pathAt = rest.search(/[/?#]/);
  if (pathAt >= 0) {
    const what = rest[pathAt] === '?' ? 'a query' : rest[pathAt] === '#' ? 'a fragment' : 'a path';
    const suggestion = parseOrigin(`${scheme}://${rest.slice(0, pathAt)}`);
    return fail('origin-malformed', `it has ${what}: an origin is only \`scheme://host[:port]\``, suggestion.origin?.canonical);
  }
  if (rest.includes('@')) return fail('origin-malformed', 'it has userinfo (`user@`): origins never carry credentials');
  if (rest === '') return fail('origin-malformed', 'its host is empty');

  let host: string;
  let port = '';
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return fail('origin-malformed', 'its IPv6 address has no closing `]`');
    host = rest.slice(0, close + 1);
    const after = rest.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) return fail('origin-malformed', 'unexpected characters after the IPv6 address');
      port = after.slice(1);
      if (port === '') return fail('origin-malformed', 'its port is empty');
    }
  } else {
    const colon = rest.indexOf(':');
    host = colon < 0 ? rest : rest.slice(0, colon);
    if (colon >= 0) {
      port = rest.slice(colon + 1);
      if (port === '') return fail('origin-malformed', 'its port is empty', `${scheme}://${host}`);
    }
  }
  if (host === '') return fail('origin-malformed', 'its host is empty');
  if (port !== '' && port !== '*' && (!PORT.test(port) || Number(port) > 65535)) {
    return fail('origin-malformed', `\`${port}\` is not a port (0-65535)`);
  }

  if (!isHttpScheme(schemeLower)) return parseNonHttpOrigin(raw, scheme, host, port);
  return parseHttpOrigin(raw, schemeLower, host, port);
}

function parseHttpOrigin(raw: string, scheme: string, host: string, port: string): OriginParseResult {
  let kind: OriginKind = 'exact';
  let hostToParse = host;
  if (host.includes('*')) {
    if (host === '*') {
      if (port !== '') return fail('origin-pattern-invalid', 'a scheme wildcard (`https://*`) cannot also name a port');
      const canonical = `${scheme}://*`;
      return raw === canonical
        ? ok({ raw, kind: 'scheme-pattern', scheme, host: '*', port: '', canonical })
        : fail('origin-not-canonical', 'browsers send the scheme in lowercase', canonical);
    }
    if (!host.startsWith('*.') || host.slice(2).includes('*')) {
      return fail('origin-pattern-invalid', 'a `*` must be the whole leftmost label (`https://*.example.com`) or the whole port (`http://localhost:*`), once');
    }
    if (port === '*') return fail('origin-pattern-invalid', 'use either a subdomain wildcard or a port wildcard, not both (S3 allows one `*` per origin)');
    kind = 'subdomain-pattern';
    hostToParse = `${PLACEHOLDER}.${host.slice(2)}`;
  }
  if (port === '*') kind = 'port-pattern';

  let url: URL;
  try {
    url = new URL(`${scheme}://${hostToParse}${port !== '' && port !== '*' ? `:${port}` : ''}`);
  } catch {
    return fail('origin-malformed', `\`${host}\` is not a valid host`);
  }
  if (url.hostname === '') return fail('origin-malformed', 'its host is empty');
  const portPart = kind === 'port-pattern' ? ':*' : url.port === '' ? '' : `:${url.port}`;
  let canonicalHost = url.hostname;
  if (kind === 'subdomain-pattern') {
    if (!canonicalHost.startsWith(`${PLACEHOLDER}.`)) return fail('origin-malformed', `\`${host}\` is not a valid host`);
    canonicalHost = `*.${canonicalHost.slice(PLACEHOLDER.length + 1)}`;
  }
  // WHATWG URL accepts hosts DNS never serves (quotes, `$`, `!`); generated REST templates and
  // gateway-response literals would also break on them, so only DNS names and IP addresses pass.
  if (!url.hostname.startsWith('[') && !DNS_HOST.test(kind === 'subdomain-pattern' ? canonicalHost.slice(2) : canonicalHost)) {
    return fail('origin-malformed', `\`${host}\` is not a DNS host name (letters, digits, hyphens and underscores between dots)`);
  }
  const canonical = `${scheme}://${canonicalHost}${portPart}`;
  const baseHost = kind === 'subdomain-pattern' ? canonicalHost.slice(2) : canonicalHost;
  const unreachable = unreachableOrigin(baseHost, kind === 'port-pattern' ? '*' : url.port, kind === 'subdomain-pattern');
  if (unreachable !== undefined) return fail('origin-malformed', unreachable);
  if (raw !== canonical) {
    const why = /[^\x00-\x7f]/.test(host)
      ? 'browsers send internationalized hosts in punycode'
      : port !== '' && url.port === '' && port !== '*'
        ? `browsers omit the default port of ${scheme}`
        : 'browsers send origins in canonical form (lowercase scheme and host, normalized IP addresses)';
    return fail('origin-not-canonical', why, canonical);
  }
  return ok({ raw, kind, scheme, host: baseHost, port: kind === 'port-pattern' ? '*' : url.port, canonical });
}

function parseNonHttpOrigin(raw: string, scheme: string, host: string, port: string): OriginParseResult {
  if (host.includes('*') || port === '*') {
    return fail('origin-pattern-invalid', 'wildcards are only supported after http:// or https://; list each origin (for extensions, each extension id)');
  }
  if (!APP_HOST.test(host)) return fail('origin-malformed', `\`${host}\` is not a host an app shell sends (letters, digits and . _ ~ + -)`);
  if (scheme !== scheme.toLowerCase()) {
    return fail('origin-not-canonical', 'URL parsers lowercase the scheme, so the Origin header never carries uppercase scheme letters', `${scheme.toLowerCase()}://${host}${port === '' ? '' : `:${port}`}`);
  }
  if (scheme.toLowerCase() === 'chrome-extension' && (!CHROME_EXTENSION_ID.test(host) || port !== '')) {
    return fail('origin-malformed', 'a Chrome extension origin is `chrome-extension://` followed by the 32-letter (a-p) extension id');
  }
  return ok({ raw, kind: 'exact', scheme, host, port, canonical: raw });
}

/** Whether a parsed entry stands for more than one origin (`*` or a pattern). */
export function isWildcardOrigin(origin: ParsedOrigin): boolean {
  return origin.kind !== 'exact' && origin.kind !== 'null';
}

/** Whether an entry allows any origin of a scheme or any origin at all (a wildcard for the credentials rules). */
export function allowsEveryOrigin(origin: ParsedOrigin): boolean {
  return origin.kind === 'any' || origin.kind === 'scheme-pattern';
}

/**
 * Whether an entry must never be answered with credentials (`origin-wildcard-with-credentials`,
 * `origin-null`): it allows every origin, or it is `null`, the origin any sandboxed iframe or
 * data: document on any site sends. The validator reports it and the runtime helper drops it.
 */
export function refusedWithCredentials(origin: ParsedOrigin): boolean {
  return allowsEveryOrigin(origin) || origin.kind === 'null';
}

/**
 * Whether an http origin's host is loopback (localhost, *.localhost, with or without the root dot,
 * 127.0.0.0/8, [::1]): "potentially trustworthy" (Secure Contexts, section 3.1), not reachable by a network attacker.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  return name === 'localhost' || name.endsWith('.localhost') || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Whether a request's `Origin` header value is allowed by a parsed entry.
 * One definition for every consumer: exact entries compare byte for byte, patterns as documented
 * on {@link ParsedOrigin}.
 */
export function originMatches(entry: ParsedOrigin, requestOrigin: string): boolean {
  switch (entry.kind) {
    case 'any':
      return true;
    case 'null':
    case 'exact':
      return requestOrigin === entry.canonical;
    case 'scheme-pattern':
      return requestOrigin.startsWith(`${entry.scheme}://`) && requestOrigin.length > entry.scheme.length + 3;
    case 'port-pattern': {
      const prefix = `${entry.scheme}://${entry.host}:`;
      return requestOrigin.startsWith(prefix) && PORT.test(requestOrigin.slice(prefix.length));
    }
    case 'subdomain-pattern': {
      const prefix = `${entry.scheme}://`;
      if (!requestOrigin.startsWith(prefix)) return false;
      const portSuffix = entry.port === '' ? '' : `:${entry.port}`;
      if (!requestOrigin.endsWith(`.${entry.host}${portSuffix}`)) return false;
      const labels = requestOrigin.slice(prefix.length, requestOrigin.length - entry.host.length - portSuffix.length - 1);
      return labels.split('.').every((label) => LABEL.test(label));
    }
  }
}

/** Escapes every regex metacharacter (Java and JavaScript), for a literal inside a pattern. Internal. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/**
 * A fully anchored regular expression (Java and JavaScript syntax) that matches exactly the
 * origins {@link originMatches} accepts for a pattern entry. Every literal character is escaped:
 * aws-cdk issue #26623 shipped an unescaped dot, which let `https://appXexample.com` through.
 */
export function originPatternRegex(entry: ParsedOrigin): string {
  switch (entry.kind) {
    case 'any':
      return '^.*$';
    case 'null':
    case 'exact':
      return `^${escapeRegex(entry.canonical)}$`;
    case 'scheme-pattern':
      return `^${escapeRegex(`${entry.scheme}://`)}${REGEX_ANY_REST}$`;
    case 'port-pattern':
      return `^${escapeRegex(`${entry.scheme}://${entry.host}:`)}${REGEX_PORT}$`;
    case 'subdomain-pattern': {
      const portSuffix = entry.port === '' ? '' : `:${entry.port}`;
      return `^${escapeRegex(`${entry.scheme}://`)}${REGEX_SUBDOMAINS}${escapeRegex(`${entry.host}${portSuffix}`)}$`;
    }
  }
}
