import type { ParsedOrigin } from './origin';
import { PUBLIC_SUFFIX_EXCEPTIONS, PUBLIC_SUFFIX_RULES } from './public-suffix-data';
import { decodeSuffixTrie, deepestRule, nodeAt, type SuffixNode } from './suffix-trie';

// The Public Suffix List (https://publicsuffix.org/list/, ICANN and private sections) as the pinned
// tldts holds it, copied into a compact generated file (scripts/generate-public-suffix.js) so the
// runtime helper can share these predicates without bundling tldts' parser. The text is read at the
// first lookup, and then only the entries on the looked-up path, so only a policy with a subdomain
// pattern pays for it (bench/bundle-size.js measures it). test/core/public-suffix.test.ts compares
// every rule with tldts' trie and these predicates with tldts' `parse`.
let rules: SuffixNode | undefined;
let exceptions: SuffixNode | undefined;

// `example.com.` (the DNS root) names the same site as `example.com`, and browsers keep the dot in
// the Origin, so a pattern on `com.` matches as much as one on `com`. Labels right to left.
function labelsOf(fqdn: string): string[] {
  return (fqdn.endsWith('.') ? fqdn.slice(0, -1) : fqdn).split('.').reverse();
}

const below = new Map<string, boolean>();

/**
 * Whether the Public Suffix List (ICANN and private sections) has a rule strictly below `fqdn`
 * (`amazonaws.com` holds `s3.amazonaws.com`), following exact labels.
 * @param fqdn - a lowercase ASCII host, as the WHATWG URL parser serializes it (punycode).
 */
export function hasPublicSuffixBelow(fqdn: string): boolean {
  let cached = below.get(fqdn);
  if (cached === undefined) {
    const node = nodeAt((rules ??= decodeSuffixTrie(PUBLIC_SUFFIX_RULES)), labelsOf(fqdn));
    cached = node !== undefined && node.hasRuleBelow();
    below.set(fqdn, cached);
  }
  return cached;
}

/**
 * Whether `fqdn` is itself a rule of the Public Suffix List (ICANN or private section), wildcard
 * (`*.ck`) and exception (`!www.ck`) rules applied as tldts' `parse` applies them. Names the list
 * does not hold (`test`, `internal`, `local`, `localhost`, `example`: reserved or undelegated,
 * RFC 6761 and 6762) are not: nobody can register a name below them on the public internet.
 * @param fqdn - a lowercase ASCII host, as the WHATWG URL parser serializes it (punycode).
 */
export function isPublicSuffix(fqdn: string): boolean {
  const labels = labelsOf(fqdn);
  // An exception rule makes the name registrable, whatever the other rules say.
  if (deepestRule((exceptions ??= decodeSuffixTrie(PUBLIC_SUFFIX_EXCEPTIONS)), labels) > 0) return false;
  return deepestRule((rules ??= decodeSuffixTrie(PUBLIC_SUFFIX_RULES)), labels) === labels.length;
}

/**
 * How a subdomain pattern reaches public suffixes (`origin-pattern-public-suffix`): its base host
 * `is` one (`https://*.com`, `https://*.github.io`), or the list holds public suffixes `below` it
 * (`https://*.amazonaws.com`); undefined for other entries and for a base nobody else can register
 * under (`https://*.example.com`). The validator reports it (an error with credentials) and the
 * runtime helper refuses it with credentials.
 */
export function publicSuffixReach(origin: ParsedOrigin): 'is' | 'below' | undefined {
  if (origin.kind !== 'subdomain-pattern') return undefined;
  return isPublicSuffix(origin.host) ? 'is' : hasPublicSuffixBelow(origin.host) ? 'below' : undefined;
}

/**
 * The `origin-pattern-public-suffix` finding in words, for the validator and the runtime helper alike: what the
 * pattern reaches, that anyone can register a matching origin and `consequence` (e.g. "read credentialed
 * responses"), and the fix.
 */
export function publicSuffixProblem(raw: string, host: string, reach: 'is' | 'below', consequence: string): string {
  return reach === 'is'
    ? `'${raw}' matches every site under the public suffix '${host}', so anyone can register a matching origin and ${consequence}. Use a domain you own, e.g. 'https://*.example.com', or list exact origins.`
    : `'${raw}' covers public suffixes below '${host}' (Public Suffix List, e.g. hosting or cloud endpoints), where anyone can create a matching origin and ${consequence}. List the exact origins instead.`;
}
