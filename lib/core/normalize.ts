import { CorsPolicyError, hasErrors } from './diagnostic';
import { isHttpToken } from './grammar';
import { normalizeHeaderName } from './headers';
import { normalizeMethod } from './methods';
import { parseOrigin, type ParsedOrigin } from './origin';
import { DEFAULT_ALLOW_METHODS, type CorsPolicyProps } from './props';
import { isUnresolvedToken } from './token';
import { readPropsOnce } from './rules/input';
import { DiagnosticSink } from './rules/sink';
import { validateCorsPolicy } from './validate';

/**
 * A policy in canonical form: defaults applied, origins canonical, the six normalized methods
 * uppercase, header names lowercase, duplicates removed (first occurrence kept, order otherwise as
 * written). Deploy-time tokens are kept as they are. It is itself a valid {@link CorsPolicyProps},
 * and normalizing it again returns an equal value.
 */
export interface NormalizedCorsPolicy {
  /** Canonical origins, `'*'` or patterns. */
  readonly allowOrigins: readonly string[];
  /** Methods, `'*'` for any. */
  readonly allowMethods: readonly string[];
  /** Lowercase request header names, `'*'` for any. */
  readonly allowHeaders: readonly string[];
  /** Lowercase response header names. */
  readonly exposeHeaders: readonly string[];
  /** Whether credentials are allowed. */
  readonly allowCredentials: boolean;
  /** Preflight cache lifetime in seconds; absent when not sent. */
  readonly maxAgeSeconds?: number;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

function strings(value: unknown): string[] {
  if (isUnresolvedToken(value)) return [value as string];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function canonicalOrigin(raw: string): string | undefined {
  if (isUnresolvedToken(raw)) return raw;
  const { origin, problem } = parseOrigin(raw);
  if (origin) return origin.canonical;
  // A non-canonical entry is rendered in the form browsers send, which is what its author meant.
  return problem.rule === 'origin-not-canonical' ? problem.suggestion : undefined;
}

/**
 * Normalizes whatever can be normalized and drops entries that cannot be rendered, without
 * validating. Adapters render with it and report the validator's diagnostics separately, so a
 * broken policy fails synthesis with every error instead of throwing at the first one.
 */
export function normalizeCorsPolicyUnchecked(props: CorsPolicyProps): NormalizedCorsPolicy {
  const record = readPropsOnce(props).record as Partial<Record<keyof CorsPolicyProps, unknown>>;
  const methods = record.allowMethods === undefined || record.allowMethods === null ? [...DEFAULT_ALLOW_METHODS] : strings(record.allowMethods);
  const maxAge = record.maxAgeSeconds;
  const usableMaxAge = isUnresolvedToken(maxAge) || (typeof maxAge === 'number' && Number.isInteger(maxAge) && maxAge >= 0);
  const headerNames = (value: unknown) => unique(strings(value).filter((h) => isUnresolvedToken(h) || isHttpToken(h)).map((h) => (isUnresolvedToken(h) ? h : normalizeHeaderName(h))));
  // Frozen, lists included: the runtime helper caches its compiled form per policy object, and a renderer's
  // output must not change after it was validated.
  return Object.freeze({
    allowOrigins: Object.freeze(unique(strings(record.allowOrigins).map(canonicalOrigin).filter((o): o is string => o !== undefined))),
    allowMethods: Object.freeze(unique(methods.filter((m) => isUnresolvedToken(m) || isHttpToken(m)).map((m) => (isUnresolvedToken(m) ? m : normalizeMethod(m))))),
    allowHeaders: Object.freeze(headerNames(record.allowHeaders)),
    exposeHeaders: Object.freeze(headerNames(record.exposeHeaders)),
    allowCredentials: record.allowCredentials === true || isUnresolvedToken(record.allowCredentials),
    ...(usableMaxAge ? { maxAgeSeconds: maxAge as number } : {}),
  });
}

/**
 * Validates a policy (target-independent rules) and returns its canonical form.
 * @throws CorsPolicyError with every diagnostic when the policy has an error.
 */
export function normalizeCorsPolicy(props: CorsPolicyProps): NormalizedCorsPolicy {
  // Read once, then validate and render the same copy: a getter cannot pass validation and render another value.
  const unreadable = new DiagnosticSink();
  const { record, isObject } = readPropsOnce(props, unreadable);
  const copy = (isObject ? record : props) as CorsPolicyProps;
  const diagnostics = [...unreadable.diagnostics, ...validateCorsPolicy(copy)];
  if (hasErrors(diagnostics)) throw new CorsPolicyError(diagnostics);
  return normalizeCorsPolicyUnchecked(copy);
}

/** The parsed form of every normalized origin; tokens are treated as exact origins. */
export function parsedOrigins(policy: NormalizedCorsPolicy): ParsedOrigin[] {
  return policy.allowOrigins.map((raw) => parseOrigin(raw).origin ?? { raw, kind: 'exact', scheme: '', host: '', port: '', canonical: raw });
}
