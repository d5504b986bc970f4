import {
  normalizeCorsPolicy,
  renderCloudFrontCors,
  renderFunctionUrlCors,
  renderHttpApiCors,
  renderRestApiCors,
  renderS3CorsRule,
  type CorsPolicyProps,
  type CorsTarget,
} from 'cors-constructs';
import { POLICY_FIXTURES, SUBDOMAIN_PATTERN_POLICY } from '../fixtures/policies';

/**
 * The shared table: every (policy fixture, target) pair both framework flavours must render, and the
 * neutral configuration the core renderer says the service holds for it. Each flavour's test maps its
 * synthesized output back to this neutral shape and compares (test/shared/neutral-config.<flavour>.test.ts),
 * so a policy moved from a CDK stack to a cdktf stack gets the same headers from AWS.
 */
export interface NeutralCase {
  readonly name: string;
  readonly props: CorsPolicyProps;
  readonly target: CorsTarget;
  /** The core renderer's output: what the service holds. */
  readonly expected: unknown;
}

const RENDERERS: Record<CorsTarget, (props: CorsPolicyProps) => unknown> = {
  'rest-api': (props) => renderRestApiCors(normalizeCorsPolicy(props)),
  'http-api': (props) => renderHttpApiCors(normalizeCorsPolicy(props)),
  'function-url': (props) => renderFunctionUrlCors(normalizeCorsPolicy(props)),
  's3': (props) => renderS3CorsRule(normalizeCorsPolicy(props)),
  'cloudfront': (props) => renderCloudFrontCors(normalizeCorsPolicy(props)),
};

const ALL_TARGETS: readonly CorsTarget[] = ['rest-api', 'http-api', 'function-url', 's3', 'cloudfront'];

export const NEUTRAL_CASES: readonly NeutralCase[] = [
  ...Object.entries(POLICY_FIXTURES).flatMap(([name, props]) => ALL_TARGETS.map((target) => ({ name, props, target, expected: RENDERERS[target](props) }))),
  // Patterns only where the target can express them.
  ...(['rest-api', 's3', 'cloudfront'] as const).map((target) => ({ name: 'subdomainPattern', props: SUBDOMAIN_PATTERN_POLICY, target, expected: RENDERERS[target](SUBDOMAIN_PATTERN_POLICY) })),
];

/** Compares REST API configurations with the response header declarations as a set (synthesizers sort map keys). */
export function comparableNeutral(target: CorsTarget, config: unknown): unknown {
  if (target !== 'rest-api') return config;
  const rest = config as { preflight: { responseHeaders: readonly string[] } };
  return { ...rest, preflight: { ...rest.preflight, responseHeaders: [...rest.preflight.responseHeaders].sort() } };
}
