import type { NormalizedCorsPolicy } from '../normalize';
import { nonEmpty, targetMethods } from './lists';

/** What a Lambda function URL holds in its `Cors` for the policy. */
export interface FunctionUrlCorsConfig {
  readonly allowOrigins: string[];
  readonly allowMethods: string[];
  /** Omitted when empty: every list of the function URL `Cors` has minItems 1, so `[]` fails the deployment. */
  readonly allowHeaders?: string[];
  readonly exposeHeaders?: string[];
  readonly allowCredentials: boolean;
  readonly maxAgeSeconds?: number;
}

/** Renders the policy for a function URL. The URL service answers preflights and adds the headers to responses. */
export function renderFunctionUrlCors(policy: NormalizedCorsPolicy): FunctionUrlCorsConfig {
  return {
    allowOrigins: [...policy.allowOrigins],
    allowMethods: targetMethods(policy, 'function-url'),
    ...nonEmpty('allowHeaders', policy.allowHeaders),
    ...nonEmpty('exposeHeaders', policy.exposeHeaders),
    allowCredentials: policy.allowCredentials,
    ...(policy.maxAgeSeconds !== undefined ? { maxAgeSeconds: policy.maxAgeSeconds } : {}),
  };
}
