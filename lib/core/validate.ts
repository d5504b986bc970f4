import type { CorsDiagnostic } from './diagnostic';
import { CORS_TARGETS, type CorsPolicyProps, type CorsTarget } from './props';
import { checkAllowHeaders, checkExposeHeaders } from './rules/headers';
import { readPolicyInput } from './rules/input';
import { checkMaxAge } from './rules/max-age';
import { checkMethods } from './rules/methods';
import { checkOrigins } from './rules/origins';
import { diagnostic, DiagnosticSink } from './rules/sink';
import { checkTarget, type CheckedPolicy } from './rules/target-limits';

/** Options of {@link validateCorsPolicy}. */
export interface ValidateCorsPolicyOptions {
  /** Targets whose limits to check as well; without it only target-independent rules run. */
  readonly targets?: readonly CorsTarget[];
  /**
   * Whether the policy is deployed exactly as written, as in a template this library did not render
   * (the `audit` CLI). This library renders canonical origins and uppercase methods, so a
   * non-canonical origin or a lowercase `delete` is a warning for its constructs but an error here:
   * browsers compare the deployed value byte for byte and it never matches.
   * @default false
   */
  readonly asDeployed?: boolean;
}

function checkPolicy(props: unknown, asDeployed: boolean, sink: DiagnosticSink): CheckedPolicy {
  const input = readPolicyInput(props, sink);
  const origins = checkOrigins(input, asDeployed, sink);
  checkMethods(input, asDeployed, sink);
  checkAllowHeaders(input, sink);
  checkExposeHeaders(input, sink);
  const maxAgeSeconds = checkMaxAge(input, sink);
  return { input, origins, maxAgeSeconds };
}

/**
 * Validates a CORS policy against the Fetch standard and, for each given target, that service's limits.
 * Never throws, whatever a JavaScript caller passes: every problem is a diagnostic. Unresolved CDK and
 * cdktf tokens are skipped with an `unresolved-token` warning.
 */
export function validateCorsPolicy(props: CorsPolicyProps, options: ValidateCorsPolicyOptions = {}): CorsDiagnostic[] {
  const sink = new DiagnosticSink();
  try {
    const checked = checkPolicy(props, options?.asDeployed === true, sink);
    const targets = Array.isArray(options?.targets) ? options.targets : [];
    // Checked in the catalogue's target order, once each, so output is stable whatever the caller's order.
    for (const target of CORS_TARGETS) {
      if (targets.includes(target)) checkTarget(target, checked, sink);
    }
  } catch (error) {
    // A validator bug must not crash synthesis: report it as an error the user can send us.
    sink.diagnostics.push(diagnostic('policy-invalid', 'policy', `cors-constructs could not validate this policy (${error instanceof Error ? error.message : String(error)}); please report it with the policy.`));
  }
  return sink.diagnostics;
}
