import { isHttpToken } from './grammar';
import { normalizeHeaderName } from './headers';
import { normalizeMethod } from './methods';
import type { NormalizedCorsPolicy } from './normalize';
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

function canonicalOrigin(raw: string, parse: OriginParser): string | undefined {
  if (isUnresolvedToken(raw)) return raw;
  const { origin, problem } = parse(raw);
  if (origin) return origin.canonical;
  // A non-canonical entry is rendered in the form browsers send, which is what its author meant.
  return problem.rule === 'origin-not-canonical' ? problem.suggestion : undefined;
}

/**
 * The canonical form of props already read once (`readPropsOnce`): whatever can be normalized, entries that
 * cannot be rendered dropped, without validating. Deep-frozen.
 */
export function canonicalForm(record: Readonly<Record<string, unknown>>, parse: OriginParser): NormalizedCorsPolicy {
  const fields = record as Partial<Record<keyof CorsPolicyProps, unknown>>;
  const methods = fields.allowMethods === undefined || fields.allowMethods === null ? [...DEFAULT_ALLOW_METHODS] : strings(fields.allowMethods);
  const maxAge = fields.maxAgeSeconds;
  const usableMaxAge = isUnresolvedToken(maxAge) || (typeof maxAge === 'number' && Number.isInteger(maxAge) && maxAge >= 0);
  const headerNames = (value: unknown) => unique(strings(value).filter((h) => isUnresolvedToken(h) || isHttpToken(h)).map((h) => (isUnresolvedToken(h) ? h : normalizeHeaderName(h))));
  // Frozen, lists included: the runtime helper caches its compiled form per policy object, the compile step its
  // parsed origins, and a renderer's output must not change after it was validated.
  return Object.freeze({
    allowOrigins: Object.freeze(unique(strings(fields.allowOrigins).map((raw) => canonicalOrigin(raw, parse)).filter((o): o is string => o !== undefined))),
    allowMethods: Object.freeze(unique(methods.filter((m) => isUnresolvedToken(m) || isHttpToken(m)).map((m) => (isUnresolvedToken(m) ? m : normalizeMethod(m))))),
    allowHeaders: Object.freeze(headerNames(fields.allowHeaders)),
    exposeHeaders: Object.freeze(headerNames(fields.exposeHeaders)),
    allowCredentials: fields.allowCredentials === true || isUnresolvedToken(fields.allowCredentials),
    ...(usableMaxAge ? { maxAgeSeconds: maxAge as number } : {}),
  });
}
