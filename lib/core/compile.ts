import { canonicalForm } from './canonical';
import type { CorsDiagnostic } from './diagnostic';
import type { NormalizedCorsPolicy } from './normalize';
import { parseOrigin, type ParsedOrigin } from './origin';
import { originParser, type OriginParser } from './origin-parser';
import type { CorsPolicyProps } from './props';
import { checkCorsPolicy } from './rules/check';
import { readPropsOnce } from './rules/input';
import { DiagnosticSink } from './rules/sink';
import type { ValidateCorsPolicyOptions } from './validate';

/** What {@link compileCorsPolicy} makes of a policy: its canonical form, parsed origins and diagnostics, from one read. */
export interface CompiledCorsPolicy {
  /**
   * The canonical form, as `normalizeCorsPolicyUnchecked` returns it (entries that cannot be rendered dropped),
   * deep-frozen. It is also what the runtime contract carries as JSON.
   */
  readonly policy: NormalizedCorsPolicy;
  /** The parsed form of each entry of `policy.allowOrigins`, in its order, as `parsedOrigins` returns it; frozen. */
  readonly origins: readonly ParsedOrigin[];
  /** What `validateCorsPolicy` reports for the same props and options, in its order. */
  readonly diagnostics: readonly CorsDiagnostic[];
}

// The parsed origins of each policy this module built. Keyed by the policy object, which is created here and
// deep-frozen, so the entry cannot go stale; a caller's own object (a copy, a literal) is never found and is parsed.
const PARSED_ORIGINS = new WeakMap<NormalizedCorsPolicy, readonly ParsedOrigin[]>();

function compiledPolicy(record: Readonly<Record<string, unknown>>, parse: OriginParser): Pick<CompiledCorsPolicy, 'policy' | 'origins'> {
  const compiled = canonicalForm(record, parse);
  PARSED_ORIGINS.set(compiled.policy, compiled.origins);
  return compiled;
}

/**
 * Compiles a policy in one step (issue 16): reads the caller's props once (a getter or Proxy that throws is a
 * diagnostic, not a crash), parses each distinct origin once, runs every rule for `options` (as
 * `validateCorsPolicy` does) and builds the canonical form from the same copy, so what is rendered is what was
 * validated. Renderers given the returned `policy` reuse its parsed origins. Never throws for what a JavaScript
 * caller passes; nothing is cached across calls, since props are plain objects a caller may change.
 */
export function compileCorsPolicy(props: CorsPolicyProps, options: ValidateCorsPolicyOptions = {}): CompiledCorsPolicy {
  // The rules and the canonical form share one parser, so each distinct entry (and suggested canonical form) is
  // parsed once for both.
  const parse = originParser();
  const sink = new DiagnosticSink();
  const read = checkCorsPolicy(props, options, parse, sink);
  return Object.freeze({ ...compiledPolicy(read.record, parse), diagnostics: Object.freeze(sink.diagnostics) });
}

/**
 * The compile step without the rules: the canonical form and parsed origins only (`normalizeCorsPolicyUnchecked`).
 * `parse` is {@link parseOrigin} unless a caller that validates the same props later shares a memo with it.
 */
export function compileCorsPolicyUnchecked(props: CorsPolicyProps, parse: OriginParser = parseOrigin): Pick<CompiledCorsPolicy, 'policy' | 'origins'> {
  // One pass parses each entry once (and a suggested canonical form once more): nothing to share, so no memo.
  return compiledPolicy(readPropsOnce(props).record, parse);
}

/**
 * The diagnostics of the compile step alone, without the canonical form (`validateCorsPolicy`). `parse` is
 * {@link parseOrigin} unless the caller keeps a memo across calls on the same (frozen) props; `reported` are
 * findings the caller made while copying the props (a getter that threw).
 */
export function compileDiagnostics(props: CorsPolicyProps, options: ValidateCorsPolicyOptions | undefined, parse: OriginParser = parseOrigin, reported: readonly CorsDiagnostic[] = []): CorsDiagnostic[] {
  const sink = new DiagnosticSink();
  // Findings a caller made while reading the same props: first, and seen by the rules that skip a reported field.
  sink.diagnostics.push(...reported);
  // Without a caller's memo nothing else reads the parses here, so they are not kept (a memo only costs memory).
  checkCorsPolicy(props, options, parse, sink);
  return sink.diagnostics;
}

/** The parsed origins of a policy {@link compileCorsPolicy} (or a view of it) returned; `undefined` for any other object. */
export function compiledOrigins(policy: NormalizedCorsPolicy): readonly ParsedOrigin[] | undefined {
  return PARSED_ORIGINS.get(policy);
}
