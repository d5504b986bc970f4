import type { CorsDiagnostic } from './diagnostic';
import { CORS_TARGETS, type CorsPolicyProps, type CorsTarget } from './props';
import { checkAllowHeaders, checkExposeHeaders } from './rules/headers';
import { readPolicyInput } from './rules/input';
import { checkMaxAge } from './rules/max-age';
import { checkMethods } from './rules/methods';
import { checkOrigins } from './rules/origins';
import { diagnostic, DiagnosticSink } from './rules/sink';
import { checkRestApiQuotes } from './rules/rest-api-quotes';
import { checkTarget, type CheckedPolicy, type LiteralValues } from './rules/target-limits';

/**
 * Which values of a deployed configuration are sent, or compared, exactly as written, where the target's
 * generated code would match or echo them (a REST API preflight this library did not render: aws-cdk-lib's
 * `defaultCorsPreflightOptions` / `addCorsPreflight`, a hand-written MOCK OPTIONS method, a gateway response).
 * The target rules then read those values as a literal-`*` target does.
 */
export interface LiteralWildcards {
  /**
   * The entries of `allowOrigins` (positions in the list as given, or `true` for every entry) that are sent as a
   * static header value or compared with `==`: a pattern there (`https://*.example.com`, `http://localhost:*`,
   * `https://*`) never matches, because browsers never send `*` in an Origin, so it is `origin-pattern-unsupported`
   * on every checked target.
   * @default - none: each target's own capabilities decide (the REST preflight of this library generates an anchored match)
   */
  readonly allowOrigins?: boolean | readonly number[];
  /**
   * Whether `*` in `allowHeaders` is sent as a static `Access-Control-Allow-Headers: *` rather than echoed from
   * `Access-Control-Request-Headers`: the literal-`*` rules apply on every checked target
   * (`header-wildcard-with-credentials`, `header-authorization-wildcard`).
   * @default false
   */
  readonly allowHeaders?: boolean;
}

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
  /**
   * Values the deployed configuration sends literally where the target's generated code would not (see
   * {@link LiteralWildcards}); the `audit` CLI and `CorsChecks` set it for REST API preflights and gateway
   * responses read from static header values or exact comparisons. `'*'` methods and exposed headers need no
   * flag: with credentials they are literal on every target (`method-wildcard-with-credentials`,
   * `expose-wildcard-with-credentials`).
   * @default - none
   */
  readonly literalWildcards?: LiteralWildcards;
  /**
   * Whether the REST API target carries CORS gateway responses (`DEFAULT_4XX`, `DEFAULT_5XX`). Without them
   * `gateway-response-origin` describes nothing and is not reported (the constructs' `{ gatewayResponses: false }`,
   * or a template whose API has none).
   * @default true
   */
  readonly restApiGatewayResponses?: boolean;
}

function checkPolicy(props: unknown, asDeployed: boolean, sink: DiagnosticSink, alwaysCredentialed: boolean): CheckedPolicy {
  const input = readPolicyInput(props, sink);
  const origins = checkOrigins(input, asDeployed, sink, alwaysCredentialed);
  checkMethods(input, asDeployed, sink);
  checkAllowHeaders(input, sink);
  checkExposeHeaders(input, sink);
  const maxAgeSeconds = checkMaxAge(input, sink);
  return { input, origins, maxAgeSeconds };
}

// A JavaScript caller may pass anything: only a literal `true` or a list of whole numbers counts.
function literalOf(raw: unknown): LiteralValues {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const origins = record['allowOrigins'];
  return {
    origins: origins === true ? 'all' : new Set(Array.isArray(origins) ? origins.filter((i): i is number => Number.isInteger(i)) : []),
    headers: record['allowHeaders'] === true,
  };
}

// The targets option as given by a JavaScript caller: a single name or an unknown one is reported, not ignored.
function readTargets(value: unknown, sink: DiagnosticSink): readonly CorsTarget[] {
  if (value === undefined || value === null) return [];
  const known = `one of ${CORS_TARGETS.map((t) => `'${t}'`).join(', ')}`;
  if (!Array.isArray(value)) {
    sink.add('policy-invalid', 'policy', `The targets option must be a list of target names (${known}), got ${typeof value === 'string' ? `the string '${value}'` : typeof value}, so no target limit was checked: wrap it in [ ].`, { value: String(value) });
    return [];
  }
  for (const entry of value as unknown[]) {
    if (!(CORS_TARGETS as readonly unknown[]).includes(entry)) {
      sink.add('policy-invalid', 'policy', `The targets option holds ${typeof entry === 'string' ? `'${entry}'` : String(entry)}, which is not a target, so its limits were not checked: use ${known}.`, { value: String(entry) });
    }
  }
  return value as readonly CorsTarget[];
}

/**
 * Validates a CORS policy against the Fetch standard and, for each given target, that service's limits.
 * Never throws, whatever a JavaScript caller passes: every problem is a diagnostic. Unresolved CDK and
 * cdktf tokens are skipped with an `unresolved-token` warning.
 */
export function validateCorsPolicy(props: CorsPolicyProps, options: ValidateCorsPolicyOptions = {}): CorsDiagnostic[] {
  const sink = new DiagnosticSink();
  try {
    const targets = readTargets(options?.targets, sink);
    const checked = checkPolicy(props, options?.asDeployed === true, sink, targets.includes('s3'));
    const literal = literalOf(options?.literalWildcards);
    // Checked in the catalogue's target order, once each, so output is stable whatever the caller's order.
    for (const target of CORS_TARGETS) {
      if (targets.includes(target)) checkTarget(target, checked, sink, literal, options?.restApiGatewayResponses !== false);
      if (target === 'rest-api' && targets.includes(target)) checkRestApiQuotes(checked.input, sink);
    }
  } catch (error) {
    // A validator bug must not crash synthesis: report it as an error the user can send us.
    sink.diagnostics.push(diagnostic('policy-invalid', 'policy', `cors-constructs could not validate this policy (${error instanceof Error ? error.message : String(error)}); please report it with the policy.`));
  }
  return sink.diagnostics;
}
