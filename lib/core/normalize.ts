import { exactOrigin } from './canonical';
import { compileCorsPolicy, compileCorsPolicyUnchecked, compiledOrigins } from './compile';
import { CorsPolicyError, hasErrors } from './diagnostic';
import { parseOrigin, type ParsedOrigin } from './origin';
import type { CorsPolicyProps } from './props';

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

/**
 * Normalizes whatever can be normalized and drops entries that cannot be rendered, without
 * validating. Adapters render with it and report the validator's diagnostics separately, so a
 * broken policy fails synthesis with every error instead of throwing at the first one.
 */
export function normalizeCorsPolicyUnchecked(props: CorsPolicyProps): NormalizedCorsPolicy {
  return compileCorsPolicyUnchecked(props).policy;
}

/**
 * Validates a policy (target-independent rules) and returns its canonical form.
 * @throws CorsPolicyError with every diagnostic when the policy has an error.
 */
export function normalizeCorsPolicy(props: CorsPolicyProps): NormalizedCorsPolicy {
  // One compile step: the props are read once, so a getter cannot pass validation and render another value.
  const { policy, diagnostics } = compileCorsPolicy(props);
  if (hasErrors(diagnostics)) throw new CorsPolicyError([...diagnostics]);
  return policy;
}

/** The parsed form of every normalized origin; tokens are treated as exact origins. */
export function parsedOrigins(policy: NormalizedCorsPolicy): ParsedOrigin[] {
  // A policy the compile step built was parsed there already; a copy keeps its cached list unchanged.
  const compiled = compiledOrigins(policy);
  if (compiled) return [...compiled];
  return policy.allowOrigins.map((raw) => parseOrigin(raw).origin ?? exactOrigin(raw));
}
