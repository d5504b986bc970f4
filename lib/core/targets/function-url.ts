import type { NormalizedCorsPolicy } from '../normalize';
import { renderServiceCorsFields, type ServiceCorsFields } from './lists';

/** What a Lambda function URL holds in its `Cors` for the policy (empty lists omitted: every list has minItems 1). */
export type FunctionUrlCorsConfig = ServiceCorsFields;

/** Renders the policy for a function URL. The URL service answers preflights and adds the headers to responses. */
export function renderFunctionUrlCors(policy: NormalizedCorsPolicy): FunctionUrlCorsConfig {
  return renderServiceCorsFields(policy, 'function-url');
}
