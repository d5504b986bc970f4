import { normalizeCorsPolicyUnchecked, type NormalizedCorsPolicy } from '../normalize';
import { isOpaqueValue } from './opaque';
import { recoverPolicies } from './policy';
import { isProxyIntegration } from './rest-api';
import type { ExtractedCors } from './types';

/**
 * The policy a CloudFront response headers policy stands for, with its deploy-time entries left out, for
 * `preflight-not-forwarded`: a left-out entry can only add methods or headers, so a policy that needs
 * preflights without them needs them as deployed too, and one that does not is not reported.
 * `undefined` when the whole configuration is a deploy-time value.
 */
export function knownCloudFrontPolicy(item: ExtractedCors<'cloudfront'>): NormalizedCorsPolicy | undefined {
  const recovered = recoverPolicies(item)[0];
  if (!recovered) return undefined;
  const known = (values: readonly string[] | undefined) => (values ?? []).filter((v) => !isOpaqueValue(v));
  const props = recovered.props;
  return normalizeCorsPolicyUnchecked({
    allowOrigins: known(props.allowOrigins),
    allowMethods: known(props.allowMethods),
    allowHeaders: known(props.allowHeaders),
  });
}

/**
 * Whether a REST API configuration is a preflight API Gateway itself answers (an OPTIONS method with a
 * non-proxy integration, e.g. MOCK): only then does the API have CORS whose actual responses a Lambda
 * proxy integration leaves uncovered. A proxied OPTIONS method leaves CORS to the backend.
 */
export function answersPreflight(item: ExtractedCors): item is ExtractedCors<'rest-api'> {
  return item.target === 'rest-api' && item.config.preflight !== undefined && !isProxyIntegration(item.config.preflight.integrationType);
}

/** How a finding names a resource of the template: its id and, when recorded, its construct path. */
export function describeResource(id: string, constructPath: unknown): string {
  return typeof constructPath === 'string' && constructPath !== id ? `${id} (${constructPath})` : id;
}
