/**
 * The contract between the infrastructure side (`cors.bindToFunction(fn)` in lib/cdk and lib/cdktf)
 * and the runtime helper (`cors-constructs/runtime`): the name of the Lambda environment variable
 * that holds `JSON.stringify(normalizedPolicy)` (a `NormalizedCorsPolicy`).
 *
 * This file has no imports so that the runtime bundle stays free of core dependencies.
 */

/** The Lambda environment variable holding the JSON-serialized normalized CORS policy. */
export const RUNTIME_POLICY_ENV = 'CORS_CONSTRUCTS_POLICY';
