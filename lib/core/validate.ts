import { compileDiagnostics } from './compile';
import type { CorsDiagnostic } from './diagnostic';
import type { CorsPolicyProps, CorsTarget } from './props';

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

/**
 * Validates a CORS policy against the Fetch standard and, for each given target, that service's limits.
 * Never throws, whatever a JavaScript caller passes: every problem is a diagnostic. Unresolved CDK and
 * cdktf tokens are skipped with an `unresolved-token` warning.
 */
export function validateCorsPolicy(props: CorsPolicyProps, options: ValidateCorsPolicyOptions = {}): CorsDiagnostic[] {
  return compileDiagnostics(props, options);
}
