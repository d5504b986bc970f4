import type { NormalizedCorsPolicy } from '../normalize';
import { renderServiceCorsFields, type ServiceCorsFields } from './lists';

/** What an API Gateway HTTP API holds in its `CorsConfiguration` for the policy (header names lowercase, as the service stores them). */
export type HttpApiCorsConfig = ServiceCorsFields;

/** Renders the policy for an HTTP API. API Gateway answers preflights itself and adds the headers to every response. */
export function renderHttpApiCors(policy: NormalizedCorsPolicy): HttpApiCorsConfig {
  return renderServiceCorsFields(policy, 'http-api');
}
