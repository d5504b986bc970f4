import { isHttpToken } from './grammar';
import { normalizeHeaderName } from './headers';
import { normalizeMethod } from './methods';
import type { NormalizedCorsPolicy } from './normalize';
import type { ParsedOrigin } from './origin';
import type { OriginParser } from './origin-parser';
import { DEFAULT_ALLOW_METHODS, type CorsPolicyProps } from './props';
import { isUnresolvedToken } from './token';

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

function strings(value: unknown): string[] {
  if (isUnresolvedToken(value)) return [value as string];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** An entry that does not parse (a token, a suggested canonical form that does not parse), as the renderers compare it: exactly. */
export function exactOrigin(raw: string): ParsedOrigin {
  return { raw, kind: 'exact', scheme: '', host: '', port: '', canonical: raw };
}

// The canonical form of one entry, parsed; `undefined` for an entry that cannot be rendered.
function canonicalOrigin(raw: string, parse: OriginParser): ParsedOrigin | undefined {
  if (isUnresolvedToken(raw)) return exactOrigin(raw);
  const { origin, problem } = parse(raw);
  // A canonical entry is written as browsers send it: its parse is the rendered origin's.
  if (origin) return origin;
  // A non-canonical entry is rendered in the form browsers send, which is what its author meant.
  if (problem.rule !== 'origin-not-canonical' || problem.suggestion === undefined) return undefined;
  return parse(problem.suggestion).origin ?? exactOrigin(problem.suggestion);
}

// The canonical origins of the entries, the first of each kept, in order, each frozen.
function canonicalOrigins(value: unknown, parse: OriginParser): readonly ParsedOrigin[] {
  const kept = new Map<string, ParsedOrigin>();
  for (const raw of strings(value)) {
    const origin = canonicalOrigin(raw, parse);
    if (origin !== undefined && !kept.has(origin.canonical)) kept.set(origin.canonical, Object.freeze(origin));
  }
  return Object.freeze([...kept.values()]);
}

/**
 * The canonical form of props already read once (`readPropsOnce`): whatever can be normalized, entries that
 * cannot be rendered dropped, without validating; deep-frozen. With it the parsed form of each of its origins,
 * in order (frozen too), from the same parse.
 */
export function canonicalForm(record: Readonly<Record<string, unknown>>, parse: OriginParser): { readonly policy: NormalizedCorsPolicy; readonly origins: readonly ParsedOrigin[] } {
  const fields = record as Partial<Record<keyof CorsPolicyProps, unknown>>;
  const methods = fields.allowMethods === undefined || fields.allowMethods === null ? [...DEFAULT_ALLOW_METHODS] : strings(fields.allowMethods);
  const maxAge = fields.maxAgeSeconds;
  const usableMaxAge = isUnresolvedToken(maxAge) || (typeof maxAge === 'number' && Number.isInteger(maxAge) && maxAge >= 0);
  const headerNames = (value: unknown) => unique(strings(value).filter((h) => isUnresolvedToken(h) || isHttpToken(h)).map((h) => (isUnresolvedToken(h) ? h : normalizeHeaderName(h))));
  const origins = canonicalOrigins(fields.allowOrigins, parse);
  // Frozen, lists included: the runtime helper caches its compiled form per policy object, the compile step its
  // parsed origins, and a renderer's output must not change after it was validated.
  const policy = Object.freeze({
    allowOrigins: Object.freeze(origins.map((o) => o.canonical)),
    allowMethods: Object.freeze(unique(methods.filter((m) => isUnresolvedToken(m) || isHttpToken(m)).map((m) => (isUnresolvedToken(m) ? m : normalizeMethod(m))))),
    allowHeaders: Object.freeze(headerNames(fields.allowHeaders)),
    exposeHeaders: Object.freeze(headerNames(fields.exposeHeaders)),
    allowCredentials: fields.allowCredentials === true || isUnresolvedToken(fields.allowCredentials),
    ...(usableMaxAge ? { maxAgeSeconds: maxAge as number } : {}),
  });
  return { policy, origins };
}
