import {
  allowsEveryOrigin,
  isLoopbackHost,
  KNOWN_APP_SCHEMES,
  PER_INSTALL_EXTENSION_SCHEMES,
  refusedWithCredentials,
  type ParsedOrigin,
} from '../origin';
import type { OriginParser } from '../origin-parser';
import { publicSuffixProblem, publicSuffixReach } from '../public-suffix';
import { at, type PolicyInput } from './input';
import { DiagnosticSink, quote } from './sink';

const FIELD = 'allowOrigins';

/**
 * Checks every `allowOrigins` rule that does not depend on a target; returns the well-formed entries. `parse` is the
 * compile step's parser, so the canonical form and the renderers reuse what is parsed here.
 */
export function checkOrigins(input: PolicyInput, parse: OriginParser, asDeployed: boolean, sink: DiagnosticSink, alwaysCredentialed = false): ParsedOrigin[] {
  if (input.origins.length === 0) {
    // A wrong type or a token was already reported for the field; an empty list was not.
    if (!sink.diagnostics.some((d) => d.field === FIELD)) {
      sink.add('origins-empty', FIELD, "allowOrigins is empty, so browsers block every cross-origin read: list the origins of your web apps, e.g. ['https://app.example.com'].");
    }
    return [];
  }

  const parsed: ParsedOrigin[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of input.origins.entries()) {
    const pos = at(input, 'origins', i);
    const result = parse(raw);
    let origin = result.origin;
    if (result.problem) {
      const { rule, reason, suggestion } = result.problem;
      const canonical = rule === 'origin-not-canonical' && suggestion !== undefined ? parse(suggestion).origin : undefined;
      if (canonical && !asDeployed) {
        // The renderers emit the canonical form, so the deployed entry matches; the policy just reads differently.
        sink.add(rule, FIELD, `${quote(raw)} is not how browsers send this origin: ${reason}. It is deployed as ${quote(canonical.canonical)}; write that so the policy reads as deployed.`, { value: raw, ...pos });
        origin = canonical;
      } else {
        const fix = suggestion !== undefined ? ` Use ${quote(suggestion)}.` : '';
        const consequence = rule === 'origin-not-canonical' ? ', so this entry never matches byte for byte' : '';
        sink.add(rule, FIELD, `${quote(raw)} is not a usable origin: ${reason}${consequence}.${fix}`, { value: raw, ...pos, ...(rule === 'origin-not-canonical' ? { severity: 'error' as const } : {}) });
        continue;
      }
    }
    if (!origin) continue;
    if (seen.has(origin.canonical)) {
      sink.add('origin-duplicate', FIELD, `${quote(raw)} is listed more than once; remove the repeated entry.`, { value: raw, ...pos });
      continue;
    }
    seen.add(origin.canonical);
    parsed.push(origin);
    checkOneOrigin(origin, input, pos, sink, alwaysCredentialed);
  }

  if (parsed.some((o) => o.kind === 'any') && input.origins.length > 1) {
    sink.add('origin-wildcard-mixed', FIELD, "'*' is listed next to other origins: '*' already allows every origin and the service sends a single value. Keep either '*' alone or only the specific origins.", { value: '*', ...at(input, 'origins', input.origins.indexOf('*')) });
  }
  return parsed;
}

function checkOneOrigin(origin: ParsedOrigin, input: PolicyInput, pos: { index?: number }, sink: DiagnosticSink, alwaysCredentialed: boolean): void {
  const raw = origin.raw;
  if (allowsEveryOrigin(origin) && input.credentials) {
    sink.add('origin-wildcard-with-credentials', FIELD, `${quote(raw)} allows every origin${origin.kind === 'scheme-pattern' ? ` of ${origin.scheme}` : ''} while allowCredentials is true: browsers refuse credentialed responses unless Access-Control-Allow-Origin names the exact requesting origin. List the exact origins that need cookies or authorization, or set allowCredentials: false.`, { value: raw, ...pos });
  }
  if (origin.kind === 'null') {
    sink.add('origin-null', FIELD, input.credentials
      ? "'null' with credentials lets any sandboxed iframe, data: or file: document on any site read credentialed responses. Remove 'null' and list real origins."
      : "'null' is the origin of sandboxed iframes, data: and file: documents from anywhere, so it allows far more than it seems. Remove it unless you serve such documents yourself.",
    { value: raw, ...pos, severity: input.credentials && refusedWithCredentials(origin) ? 'error' : 'warning' });
    return;
  }
  if (origin.kind === 'subdomain-pattern') {
    // With credentials anyone who registers a matching name reads credentialed responses: an error. Without,
    // the pattern grants nothing '*' does not (every site can already read uncredentialed responses), so it
    // only says the policy is wider than it looks: a warning.
    // S3 sends Access-Control-Allow-Credentials: true for every origin it echoes, whatever the policy says (see
    // credentials-implicit), so on a bucket, e.g. behind CloudFront signed cookies, the pattern is credentialed.
    const credentialed = input.credentials || alwaysCredentialed;
    const severity = credentialed ? 'error' : 'warning';
    const consequence = input.credentials ? 'read credentialed responses'
      : alwaysCredentialed ? 'read credentialed responses (S3 allows credentials for every origin it echoes, e.g. with CloudFront signed cookies)'
        : "read responses (no more than '*' allows, since credentials are off, but surely more than meant)";
    const reach = publicSuffixReach(origin);
    if (reach) sink.add('origin-pattern-public-suffix', FIELD, publicSuffixProblem(raw, origin.host, reach, consequence), { value: raw, ...pos, severity });
    if (input.credentials) {
      sink.add('origin-pattern-with-credentials', FIELD, `${quote(raw)} with credentials lets an XSS or a subdomain takeover on any matching host read credentialed responses; prefer listing the hosts that need credentials.`, { value: raw, ...pos });
    }
  }
  if (origin.scheme === 'http' && input.credentials && !isLoopbackHost(origin.host) && origin.kind !== 'scheme-pattern') {
    sink.add('origin-insecure-with-credentials', FIELD, `${quote(raw)} is plain http with credentials: a network attacker can inject script into that origin and read credentialed responses. Serve the app over https and list the https:// origin.`, { value: raw, ...pos });
  }
  if (origin.kind === 'exact' && origin.scheme !== 'http' && origin.scheme !== 'https') {
    const scheme = origin.scheme.toLowerCase();
    if (PER_INSTALL_EXTENSION_SCHEMES.has(scheme)) {
      sink.add('origin-extension-per-install', FIELD, `${quote(raw)}: ${scheme} ids are generated per installation, so this entry only works in one user's browser. Authenticate the extension another way, or accept that each install needs its own entry.`, { value: raw, ...pos });
    } else if (!KNOWN_APP_SCHEMES.has(scheme)) {
      sink.add('origin-scheme-custom', FIELD, `${quote(raw)} uses the custom scheme ${scheme}:, which only non-browser shells send; make sure your client really sends this Origin (web pages always send http(s)).`, { value: raw, ...pos });
    }
  }
}
