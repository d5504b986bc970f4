import { parseOrigin, type OriginParseResult } from './origin';

/** Parses one `allowOrigins` entry, as {@link parseOrigin} does. */
export type OriginParser = (raw: string) => OriginParseResult;

/**
 * A {@link parseOrigin} that parses each distinct entry once and returns the same result after that: one per
 * compile step (issue 16), shared by the rules, the canonical form and the renderers, so an origin written, its
 * canonical form and the rendered origin are not parsed again. Keyed by the string itself, which cannot change.
 */
export function originParser(): OriginParser {
  const results = new Map<string, OriginParseResult>();
  return (raw) => {
    let result = results.get(raw);
    if (result === undefined) {
      result = parseOrigin(raw);
      results.set(raw, result);
    }
    return result;
  };
}
