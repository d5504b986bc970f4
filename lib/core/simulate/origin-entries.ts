import { isOpaqueValue } from '../extract/opaque';
import { originMatches, parseOrigin } from '../origin';

/**
 * Matching a request's `Origin` against a configured origin entry. Entries this library accepts use
 * the one matching semantics of `originMatches` (origin.ts). Entries written by hand that it does
 * not accept are matched the way the service would: S3 reads one `*` as "any characters"
 * (S3 user guide, "CORS configuration": "AllowedOrigin ... can contain at most one * wildcard
 * character"); every other service compares them exactly. Unresolved values never match.
 */

/** How an entry matched, for the reasons. */
export type OriginEntryMatch = 'exact' | 'any' | 'pattern';

function globMatches(entry: string, origin: string): boolean {
  const star = entry.indexOf('*');
  if (star < 0) return entry === origin;
  const prefix = entry.slice(0, star);
  const suffix = entry.slice(star + 1);
  return origin.length >= prefix.length + suffix.length && origin.startsWith(prefix) && origin.endsWith(suffix);
}

/**
 * How `entry` matches `origin`, or `undefined`. `glob` selects S3's reading of entries outside this
 * library's grammar.
 */
export function matchOriginEntry(entry: string, origin: string, glob: boolean): OriginEntryMatch | undefined {
  if (isOpaqueValue(entry)) return undefined;
  const parsed = parseOrigin(entry).origin;
  if (parsed) {
    if (!originMatches(parsed, origin)) return undefined;
    return parsed.kind === 'any' ? 'any' : parsed.kind === 'exact' || parsed.kind === 'null' ? 'exact' : 'pattern';
  }
  if (glob) return globMatches(entry, origin) ? (entry === '*' ? 'any' : entry.includes('*') ? 'pattern' : 'exact') : undefined;
  return entry === origin ? 'exact' : undefined;
}

/** The first entry matching `origin`, with how it matched. */
export function findOriginEntry(entries: readonly string[], origin: string, glob = false): { entry: string; match: OriginEntryMatch } | undefined {
  for (const entry of entries) {
    const match = matchOriginEntry(entry, origin, glob);
    if (match !== undefined) return { entry, match };
  }
  return undefined;
}

/** Unresolved entries of a list, for a note. */
export function opaqueEntries(entries: readonly string[]): string[] {
  return entries.filter(isOpaqueValue);
}

/** S3's header matching: case-insensitive, one `*` matching any characters (S3 user guide, AllowedHeader). */
export function s3HeaderMatches(entry: string, header: string): boolean {
  return globMatches(entry.toLowerCase(), header.toLowerCase());
}
