/**
 * cors-constructs/runtime: CORS headers for API Gateway Lambda proxy integrations, from the same
 * normalized policy the infrastructure renders (`cors.bindToFunction(fn)` puts it into the Lambda
 * environment variable `CORS_CONSTRUCTS_POLICY`). No runtime dependencies: it shares only the
 * dependency-free origin grammar and matching of the core, and its copy of the Public Suffix List.
 * @packageDocumentation
 */
export { withCors, type CorsProxyHandler, type ProxyHandler, type WithCorsOptions } from './with-cors';
export { corsHeaders } from './headers';
export { CorsRuntimeConfigError, readRuntimePolicy } from './policy';
export { RUNTIME_POLICY_ENV } from '../core/runtime-contract';
export type { NormalizedCorsPolicy } from '../core/normalize';
export type {
  CorsGeneratedResult,
  CorsProxyEvent,
  CorsProxyResult,
  CorsResponseHeaders,
  HttpApiProxyEvent,
  HttpApiProxyResult,
  ProxyHeaderValue,
  RequestHeaders,
  RestApiProxyEvent,
  RestApiProxyResult,
} from './types';
