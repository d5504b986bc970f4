export { simulateCors, serviceModel } from './simulate';
export { corsCheck, preflightCheck, getHeader, type CheckResult, type PreflightCheckRequest } from './fetch-check';
export { corsUnsafeRequestHeaderNames, isSafelistedRequestHeader, readScriptHeaders, type ScriptHeader } from './request-headers';
export { readRestApiTemplate, type TemplateCondition, type TemplateEcho, type TemplateReading } from './rest-api-template';
export { CLOUDFRONT_ALL_METHODS } from './cloudfront';
export {
  BROWSER_DEVIATIONS,
  CORS_BROWSERS,
  DEFAULT_CORS_BROWSER,
  hasDeviation,
  wildcardCoversAuthorization,
  type BrowserDeviation,
  type BrowserDeviationId,
  type CorsBrowser,
} from './browser-deviations';
export {
  DEFAULT_PREFLIGHT_MAX_AGE_SECONDS,
  PREFLIGHT_CACHE_CAP_SECONDS,
  preflightCacheSeconds,
  type PreflightCacheAnswer,
  type PreflightCacheRequest,
} from './preflight-cache';
export type {
  CloudFrontSimulationConfig,
  CorsRequest,
  CorsSimulation,
  PreflightOutcome,
  ResponseHeaders,
  RestApiGatewayResponseSimulationConfig,
  RestApiPreflightSimulationConfig,
  RestApiSimulationConfig,
  ServiceModel,
  ServiceRequest,
  ServiceResponse,
  SimulateCorsOptions,
  SimulationConfigs,
} from './types';
