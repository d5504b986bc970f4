import type { HttpApiCorsConfig } from '../targets/http-api';
import { findOriginEntry } from './origin-entries';
import type { ServiceModel, ServiceRequest, ServiceResponse } from './types';

/**
 * What an API Gateway HTTP API sends back. Source: API Gateway developer guide, "Configure CORS for
 * HTTP APIs" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html):
 * "API Gateway automatically sends a response to preflight OPTIONS requests, even if there isn't an
 * OPTIONS route configured"; "API Gateway adds the configured CORS headers to the response from an
 * integration"; "API Gateway ignores CORS headers returned from your backend integration"; "To return
 * CORS headers, your request must contain an origin header". allowOrigins accepts `*`, `https://*`
 * and `http://*`; a listed origin is answered with that origin. An authorized route that matches
 * OPTIONS catches the preflight and answers 401 (anomalyco/sst#5493).
 */
export function httpApiModel(config: HttpApiCorsConfig, options: { readonly authorizedOptionsRoute?: boolean } = {}): ServiceModel {
  const originHeaders = (request: ServiceRequest): { headers: Record<string, string>; note: string } | undefined => {
    const found = findOriginEntry(config.allowOrigins, request.origin);
    if (!found) return undefined;
    const headers: Record<string, string> = {};
    headers['Access-Control-Allow-Origin'] = found.entry === '*' ? '*' : request.origin;
    if (config.allowCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
    return { headers, note: `allowOrigins entry ${found.entry} matches` };
  };
  const preflight = (request: ServiceRequest): ServiceResponse => {
    if (options.authorizedOptionsRoute) {
      return { status: 401, headers: {}, notes: ['HTTP API: an authorized route matches OPTIONS, so it catches the preflight (which carries no credentials) and answers 401 (anomalyco/sst#5493); add an unauthenticated OPTIONS /{proxy+} route'] };
    }
    const cors = originHeaders(request);
    if (!cors) return { status: 204, headers: {}, notes: [`HTTP API: API Gateway answers the preflight itself; allowOrigins (${config.allowOrigins.join(', ')}) does not match ${request.origin}, so it sends no CORS headers`] };
    const headers = cors.headers;
    headers['Access-Control-Allow-Methods'] = config.allowMethods.join(',');
    if (config.allowHeaders && config.allowHeaders.length > 0) headers['Access-Control-Allow-Headers'] = config.allowHeaders.join(',');
    if (config.maxAgeSeconds !== undefined) headers['Access-Control-Max-Age'] = String(config.maxAgeSeconds);
    return { status: 204, headers, notes: [`HTTP API: API Gateway answers the preflight itself (${cors.note})`] };
  };
  const actual = (request: ServiceRequest): ServiceResponse => {
    const cors = originHeaders(request);
    if (!cors) return { status: 200, headers: {}, notes: [`HTTP API: allowOrigins (${config.allowOrigins.join(', ')}) does not match ${request.origin}, so API Gateway adds no CORS headers (and ignores any the integration sends)`] };
    const headers = cors.headers;
    if (config.exposeHeaders && config.exposeHeaders.length > 0) headers['Access-Control-Expose-Headers'] = config.exposeHeaders.join(',');
    headers['Vary'] = 'Origin';
    return { status: 200, headers, notes: [`HTTP API: API Gateway adds the configured CORS headers to the integration's response (${cors.note})`] };
  };
  return { preflight, actual };
}
