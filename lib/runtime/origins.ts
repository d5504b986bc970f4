import { unreachableOrigin } from '../core/origin-limits';
import type { OriginKind, ParsedOrigin } from '../core/origin';

/**
 * Parses an `allowOrigins` entry that is already canonical (as `normalizeCorsPolicy` writes it)
 * into the {@link ParsedOrigin} that the core's `originMatches` takes. Internal.
 *
 * Why not the core's `parseOrigin`: it explains every problem in prose for the validator and alone
 * weighs about 5.8 KB minified, over the helper's whole 5 KB budget. This parser does not explain,
 * it only accepts or refuses, and the rules that decide matching are the core's:
 * - http(s) entries are accepted only when the WHATWG URL parser (Node's `URL`, the one `parseOrigin`
 *   uses) gives back exactly the entry, with the same `x.` placeholder for a subdomain pattern; the
 *   result equals `parseOrigin`'s field for field (test/runtime/origins.test.ts checks this on
 *   generated entries);
 * - every other scheme gives an exact entry, compared byte for byte, which `originMatches` does
 *   for exact entries whatever the other fields hold; entries `parseOrigin` refuses for such
 *   schemes (e.g. `file://x`) can therefore only match a request Origin equal to themselves.
 * @returns undefined when the entry is not a canonical origin or pattern.
 */
export function parseCanonicalOrigin(raw: string): ParsedOrigin | undefined {
  const origin = (kind: OriginKind, scheme = '', host = '', port = ''): ParsedOrigin => ({ raw, kind, scheme, host, port, canonical: raw });
  if (raw === '*') return origin('any');
  if (raw === 'null') return origin('null');
  const [, scheme = '', rest = ''] = /^([a-z][\w+.-]*):\/\/([^\s/?#@]+)$/i.exec(raw) ?? [];
  const http = /^https?$/.test(scheme);
  if (!rest || (!http && rest.includes('*'))) return undefined;
  if (!http) return origin('exact', scheme);
  if (rest === '*') return origin('scheme-pattern', scheme, '*');
  const subdomain = rest.startsWith('*.');
  const anyPort = rest.endsWith(':*');
  const concrete = `${subdomain ? 'x.' : ''}${rest.slice(subdomain ? 2 : 0, anyPort ? -2 : undefined)}`;
  let url: URL | undefined;
  try {
    url = new URL(`${scheme}://${concrete}`);
  } catch {
    // not a host
  }
  // `origin` is the browser's serialization: lowercase, punycode, default port dropped, IPs normalized.
  if (!url || url.origin !== `${scheme}://${concrete}` || (subdomain && (anyPort || !/^x\.[^.]/.test(url.hostname))) || (anyPort && url.port) || concrete.includes('*')) return undefined;
  const host = url.hostname.slice(subdomain ? 2 : 0);
  const port = anyPort ? '*' : url.port;
  return unreachableOrigin(host, port, subdomain) ? undefined : origin(subdomain ? 'subdomain-pattern' : anyPort ? 'port-pattern' : 'exact', scheme, host, port);
}
