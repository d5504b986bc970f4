import { SAFELISTED_REQUEST_HEADERS } from '../headers';
import { FORBIDDEN_METHODS, normalizeMethod, SAFELISTED_METHODS } from '../methods';
import type { CorsTarget } from '../props';
import { TARGET_CAPABILITIES } from '../targets/capabilities';
import { cloudFrontModel } from './cloudfront';
import { corsCheck, exposedHeaderNames, preflightCheck } from './fetch-check';
import { functionUrlModel } from './function-url';
import { httpApiModel } from './http-api';
import { corsUnsafeRequestHeaderNames, readScriptHeaders, sendableHeaders } from './request-headers';
import { restApiModel } from './rest-api';
import { s3Model } from './s3';
import type { CorsRequest, CorsSimulation, ServiceModel, SimulateCorsOptions, SimulationConfigs } from './types';

/** The service model for a target and its configuration. */
export function serviceModel<T extends CorsTarget>(target: T, config: SimulationConfigs[T], options: SimulateCorsOptions = {}): ServiceModel {
  switch (target) {
    case 's3': return s3Model(config as SimulationConfigs['s3']);
    case 'http-api': return httpApiModel(config as SimulationConfigs['http-api'], options);
    case 'function-url': return functionUrlModel(config as SimulationConfigs['function-url'], options);
    case 'cloudfront': return cloudFrontModel(config as SimulationConfigs['cloudfront'], options);
    case 'rest-api': return restApiModel(config as SimulationConfigs['rest-api'], options);
    default: throw new TypeError(`Unknown CORS target ${String(target)}`);
  }
}

function blocked(reasons: string[], failure: string, preflight: CorsSimulation['preflight']): CorsSimulation {
  reasons.push(`blocked: ${failure}`);
  return { allowed: false, preflight, responseHeaders: {}, reasons, failure };
}

/**
 * Simulates what a browser gets when a script on `request.origin` calls a target holding `config`:
 * whether it sends a preflight (Fetch: non-safelisted method or CORS-unsafe request headers), what
 * the service answers (one model per target, each citing the service documentation), and whether the
 * Fetch standard's CORS-preflight and CORS checks pass. Never throws on a well-typed call.
 *
 * @param target the service
 * @param config the neutral configuration the service holds (a renderer's output or an extracted one)
 * @param request the script's request
 * @param options facts around the configuration (runtime helper, CloudFront origin, ...)
 */
export function simulateCors<T extends CorsTarget>(target: T, config: SimulationConfigs[T], request: CorsRequest, options: SimulateCorsOptions = {}): CorsSimulation {
  const reasons: string[] = [];
  const credentials = request.credentials === true;
  const method = normalizeMethod(request.method);
  if (method !== request.method) reasons.push(`the browser normalizes the method ${request.method} to ${method}`);
  const noPreflight = { sent: false, allowed: true, responseHeaders: {} };
  if (FORBIDDEN_METHODS.has(method.toUpperCase())) {
    return blocked(reasons, `${method} is a forbidden method: browsers refuse to send it (Fetch, "forbidden method")`, { ...noPreflight, allowed: false });
  }
  const { sent: headers, dropped } = sendableHeaders(readScriptHeaders(request.headers));
  if (dropped.length > 0) reasons.push(`scripts cannot set ${dropped.join(', ')} (forbidden request headers): the browser ignores them`);
  const unsafe = corsUnsafeRequestHeaderNames(headers);
  const unvalued = headers.filter((h) => h.value === undefined && SAFELISTED_REQUEST_HEADERS.has(h.name)).map((h) => h.name);
  if (unvalued.length > 0) reasons.push(`no value given for ${unvalued.join(', ')}: treated as not CORS-safelisted (give "Name: value" to check the value rules)`);

  const model = serviceModel(target, config, options);
  const displayName = TARGET_CAPABILITIES[target].displayName;
  let preflight: CorsSimulation['preflight'] = noPreflight;
  const needsPreflight = !SAFELISTED_METHODS.has(method) || unsafe.length > 0;
  if (needsPreflight) {
    const why = [
      ...(!SAFELISTED_METHODS.has(method) ? [`${method} is not a CORS-safelisted method`] : []),
      ...(unsafe.length > 0 ? [`${unsafe.join(', ')} ${unsafe.length === 1 ? 'is not a CORS-safelisted request header' : 'are not CORS-safelisted request headers'}`] : []),
    ];
    reasons.push(`preflight: sent because ${why.join(' and ')} (OPTIONS with Access-Control-Request-Method: ${method}${unsafe.length > 0 ? `, Access-Control-Request-Headers: ${unsafe.join(',')}` : ''})`);
    const response = model.preflight({ origin: request.origin, method: 'OPTIONS', requestMethod: method, requestHeaders: unsafe, credentials: false });
    reasons.push(...response.notes);
    const check = preflightCheck(response.status, response.headers, { origin: request.origin, method, headerNames: headers.map((h) => h.name), unsafeHeaderNames: unsafe, credentials, ...(options.browser !== undefined ? { browser: options.browser } : {}) });
    preflight = { sent: true, allowed: check.ok, status: response.status, requestHeaders: unsafe, responseHeaders: response.headers };
    if (!check.ok) return blocked(reasons, check.reason, preflight);
    reasons.push('preflight: passed');
  } else {
    reasons.push(`no preflight: ${method} is CORS-safelisted and every header is CORS-safelisted`);
  }

  const response = model.actual({ origin: request.origin, method, credentials });
  reasons.push(...response.notes);
  const check = corsCheck(response.headers, request.origin, credentials);
  if (!check.ok) {
    reasons.push(`the ${displayName} still receives and processes the request: CORS only stops the script from reading the response`);
    return { ...blocked(reasons, check.reason, preflight), responseHeaders: response.headers };
  }
  const exposed = exposedHeaderNames(response.headers, credentials);
  reasons.push(`allowed: the response passes the CORS check for ${request.origin}${credentials ? ' with credentials' : ''}`);
  return { allowed: true, preflight, responseHeaders: response.headers, reasons, ...(exposed.length > 0 ? { exposedHeaders: exposed } : {}) };
}
