import { getHeader } from './fetch-check';
import { echoApplies, readRestApiTemplate, type TemplateEcho } from './rest-api-template';
import type { RestApiSimulationConfig, ServiceModel, ServiceRequest, ServiceResponse } from './types';

/** What surrounds a REST API's CORS configuration. */
export interface RestApiSurroundings {
  /** The proxy integration's function is wrapped with the runtime helper. */
  readonly runtimeHelper?: boolean;
  /** The actual request is answered by this gateway response type. */
  readonly gatewayResponse?: string;
}

/**
 * What an API Gateway REST API sends back. Sources: API Gateway developer guide, "CORS for REST APIs"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html) and "Enabling CORS
 * for a REST API resource" (https://docs.aws.amazon.com/apigateway/latest/developerguide/enable-cors-for-resource-using-swagger-importer-tool.html):
 * the preflight is an OPTIONS method with a MOCK integration whose integration response maps static
 * header values (`'value'` literals) and may override headers with a mapping template
 * (`$context.responseOverride.header`); a resource without an OPTIONS method answers 403 "Missing
 * Authentication Token"; an OPTIONS method with an authorizer or an API key requirement rejects the
 * preflight, which carries neither. "For a Lambda custom (non-proxy) integration, HTTP custom
 * (non-proxy) integration, or AWS service integration, you can set up the required headers by using
 * method response and integration response settings"; proxy integrations must return the headers
 * themselves, so their responses carry none unless the function adds them (the runtime helper).
 * Gateway responses (DEFAULT_4XX, DEFAULT_5XX, ...) carry only static header values.
 */
export function restApiModel(config: RestApiSimulationConfig, surroundings: RestApiSurroundings = {}): ServiceModel {
  const preflightConfig = config.preflight;
  const reading = readRestApiTemplate(preflightConfig?.responseTemplate);

  const requestHeaderValue = (request: ServiceRequest, name: string): string | undefined => {
    if (name === 'origin') return request.origin;
    if (name === 'access-control-request-headers') return request.requestHeaders && request.requestHeaders.length > 0 ? request.requestHeaders.join(',') : undefined;
    if (name === 'access-control-request-method') return request.requestMethod;
    return undefined;
  };

  const preflight = (request: ServiceRequest): ServiceResponse => {
    if (!preflightConfig) return { status: 403, headers: {}, notes: ['REST API: the resource has no OPTIONS method, so API Gateway answers the preflight 403 Missing Authentication Token'] };
    if (preflightConfig.authorizationType !== undefined && preflightConfig.authorizationType.toUpperCase() !== 'NONE') {
      return { status: 401, headers: {}, notes: [`REST API: the OPTIONS method uses authorization ${preflightConfig.authorizationType}, and preflights carry no credentials, so API Gateway rejects them (401/403)`] };
    }
    if (preflightConfig.apiKeyRequired) return { status: 403, headers: {}, notes: ['REST API: the OPTIONS method requires an API key, which preflights never carry, so API Gateway answers 403'] };
    const notes: string[] = [];
    if (preflightConfig.integrationType !== undefined && preflightConfig.integrationType.toUpperCase() !== 'MOCK') {
      notes.push(`REST API: the OPTIONS integration is ${preflightConfig.integrationType}, not MOCK; the model only applies its integration response mapping`);
    }
    const headers: Record<string, string> = { ...preflightConfig.staticHeaders };
    for (const [header, from] of Object.entries(preflightConfig.requestMappedHeaders ?? {})) {
      const value = requestHeaderValue(request, from.toLowerCase());
      if (value !== undefined) headers[header] = value;
      notes.push(`REST API: ${header} is mapped from the request's ${from} header`);
    }
    for (const echo of reading.echoes) {
      const value = requestHeaderValue(request, echo.from);
      if (echoApplies(echo, value)) {
        headers[echo.header] = value!;
        notes.push(`REST API: the integration response template echoes ${echo.from} into ${echo.header}${echo.conditions ? ' (the origin is one of the template\'s allowed origins)' : ''}`);
      } else if (echo.from === 'origin') {
        notes.push(`REST API: the integration response template echoes only its allowed origins, and ${request.origin} is not one of them`);
      }
    }
    if (reading.ignored.length > 0) notes.push(`REST API: ${reading.ignored.length} template line(s) not understood and ignored: ${reading.ignored.join(' ')}`);
    notes.unshift(`REST API: the OPTIONS method's MOCK integration answers ${preflightConfig.statusCode} with the mapped headers`);
    return { status: Number(preflightConfig.statusCode), headers, notes };
  };

  const originAllowedByHelper = (origin: string): string | undefined => {
    const staticOrigin = preflightConfig ? getHeader(preflightConfig.staticHeaders, 'Access-Control-Allow-Origin') : undefined;
    const echo: TemplateEcho | undefined = reading.echoes.find((e) => e.header.toLowerCase() === 'access-control-allow-origin');
    if (echo && echoApplies(echo, origin)) return origin;
    if (Object.entries(preflightConfig?.requestMappedHeaders ?? {}).some(([h, from]) => h.toLowerCase() === 'access-control-allow-origin' && from.toLowerCase() === 'origin')) return origin;
    if (staticOrigin === '*') return '*';
    return staticOrigin === origin ? origin : undefined;
  };

  const actual = (request: ServiceRequest): ServiceResponse => {
    if (surroundings.gatewayResponse !== undefined) {
      const type = surroundings.gatewayResponse;
      const response = config.gatewayResponses.find((g) => g.type === type)
        ?? (type.startsWith('DEFAULT_') ? undefined : config.gatewayResponses.find((g) => g.type === (type === 'INTEGRATION_FAILURE' || type === 'INTEGRATION_TIMEOUT' || type === 'API_CONFIGURATION_ERROR' || type === 'AUTHORIZER_CONFIGURATION_ERROR' ? 'DEFAULT_5XX' : 'DEFAULT_4XX')));
      if (!response) return { status: 400, headers: {}, notes: [`REST API: the request is answered by the ${type} gateway response, which carries no CORS headers`] };
      return { status: 400, headers: { ...response.headers }, notes: [`REST API: the request is answered by the ${response.type} gateway response with its static headers`] };
    }
    if (!surroundings.runtimeHelper) {
      return { status: 200, headers: {}, notes: ['REST API: the actual response comes from a proxy integration, which gets no CORS headers from API Gateway (proxy-responses-uncovered); bind the runtime helper (runtimeHelper: true) or add the headers in the function'] };
    }
    const allowOrigin = originAllowedByHelper(request.origin);
    if (allowOrigin === undefined) return { status: 200, headers: {}, notes: [`REST API: the runtime helper adds no CORS headers for ${request.origin}, which the policy does not allow`] };
    const headers: Record<string, string> = { 'Access-Control-Allow-Origin': allowOrigin };
    const credentials = preflightConfig ? getHeader(preflightConfig.staticHeaders, 'Access-Control-Allow-Credentials') : undefined;
    if (credentials !== undefined) headers['Access-Control-Allow-Credentials'] = credentials;
    const expose = config.gatewayResponses.map((g) => getHeader(g.headers, 'Access-Control-Expose-Headers')).find((v) => v !== undefined);
    if (expose !== undefined) headers['Access-Control-Expose-Headers'] = expose;
    if (allowOrigin !== '*') headers['Vary'] = 'Origin';
    return { status: 200, headers, notes: ['REST API: the runtime helper adds the CORS headers to the proxy response'] };
  };
  return { preflight, actual };
}
