import type { CorsDiagnostic, CorsTarget, NormalizedCorsPolicy } from '../core/internal';
import type { Construct } from 'constructs';

/**
 * What a target file gets from the {@link CorsPolicy} construct: the normalized policy, its renderings
 * and a way to report the conflicts found while applying.
 * @internal
 */
export interface TargetContext {
  /** The CorsPolicy construct: scope of the resources it creates, owner of the pass's view. */
  readonly owner: Construct;
  /** The policy in canonical form (normalized once, at construction). */
  readonly policy: NormalizedCorsPolicy;
  /** The core's rendering of the policy for a target, computed once per target. */
  render<T>(target: CorsTarget, renderer: (policy: NormalizedCorsPolicy) => T): T;
  /** Reports a conflict found while applying (reported at validation, in application order). */
  addConflict(diagnostic: CorsDiagnostic): void;
}

