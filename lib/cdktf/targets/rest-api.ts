import { apiGatewayLiteral, gatewayResponseParameters, REST_API_MOCK_REQUEST_TEMPLATE, type RestApiCorsConfig } from '../../core';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayIntegrationResponse } from '@cdktf/provider-aws/lib/api-gateway-integration-response';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodResponse } from '@cdktf/provider-aws/lib/api-gateway-method-response';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import type { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import type { Construct } from 'constructs';
import type { TerraformView } from '../view';

/** The four resources that answer preflights on one REST API resource. */
export interface RestApiPreflightResources {
  /** The OPTIONS `aws_api_gateway_method` (authorization NONE, no API key). */
  readonly method: ApiGatewayMethod;
  /** The MOCK `aws_api_gateway_integration`. */
  readonly integration: ApiGatewayIntegration;
  /** The 204 `aws_api_gateway_method_response` declaring every CORS header. */
  readonly methodResponse: ApiGatewayMethodResponse;
  /** The `aws_api_gateway_integration_response` mapping the header values. */
  readonly integrationResponse: ApiGatewayIntegrationResponse;
}

const MEDIA_TYPE = 'application/json';

/**
 * What every preflight of one REST API shares, computed once per API and policy: the API's id reference
 * (one token, resolved identically in every resource) and the response parameter maps of the configuration.
 */
export interface PreflightTemplate {
  readonly restApiId: string;
  readonly statusCode: string;
  readonly methodResponseParameters: Readonly<Record<string, boolean>>;
  readonly integrationResponseParameters: Readonly<Record<string, string>>;
  readonly responseTemplate: string | undefined;
}

/** The shared part of the preflights of `api` under `config`. */
export function preflightTemplate(api: ApiGatewayRestApi, config: RestApiCorsConfig): PreflightTemplate {
  const { preflight } = config;
  return {
    restApiId: api.id,
    statusCode: preflight.statusCode,
    methodResponseParameters: Object.fromEntries(preflight.responseHeaders.map((header) => [`method.response.header.${header}`, true])),
    integrationResponseParameters: Object.fromEntries(
      preflight.responseHeaders
        .filter((header) => preflight.staticHeaders[header] !== undefined)
        .map((header) => [`method.response.header.${header}`, apiGatewayLiteral(preflight.staticHeaders[header]!)]),
    ),
    responseTemplate: preflight.responseTemplate,
  };
}

/** Creates the OPTIONS method, MOCK integration, method response and integration response for one resource. */
export function createPreflight(scope: Construct, prefix: string, template: PreflightTemplate, resourceId: string): RestApiPreflightResources {
  const { restApiId, statusCode } = template;
  const method = new ApiGatewayMethod(scope, `${prefix}Options`, {
    restApiId,
    resourceId,
    httpMethod: 'OPTIONS',
    authorization: 'NONE',
    apiKeyRequired: false,
  });
  const httpMethod = method.httpMethod;
  const integration = new ApiGatewayIntegration(scope, `${prefix}OptionsIntegration`, {
    restApiId,
    resourceId,
    httpMethod,
    type: 'MOCK',
    requestTemplates: { [MEDIA_TYPE]: REST_API_MOCK_REQUEST_TEMPLATE },
  });
  const methodResponse = new ApiGatewayMethodResponse(scope, `${prefix}OptionsMethodResponse`, {
    restApiId,
    resourceId,
    httpMethod,
    statusCode,
    responseParameters: { ...template.methodResponseParameters },
  });
  const integrationResponse = new ApiGatewayIntegrationResponse(scope, `${prefix}OptionsIntegrationResponse`, {
    restApiId,
    resourceId,
    httpMethod,
    statusCode,
    responseParameters: { ...template.integrationResponseParameters },
    ...(template.responseTemplate !== undefined ? { responseTemplates: { [MEDIA_TYPE]: template.responseTemplate } } : {}),
    dependsOn: [integration, methodResponse],
  });
  return { method, integration, methodResponse, integrationResponse };
}

/** Creates the DEFAULT_4XX / DEFAULT_5XX gateway responses carrying the CORS headers. */
export function createGatewayResponses(scope: Construct, prefix: string, restApiId: string, config: RestApiCorsConfig): ApiGatewayGatewayResponse[] {
  return config.gatewayResponses.map((response) => new ApiGatewayGatewayResponse(scope, `${prefix}${response.type}`, {
    restApiId,
    responseType: response.type,
    responseParameters: gatewayResponseParameters(response),
  }));
}

/** Terraform types this adapter creates or inspects on a REST API. */
export const REST_API_TYPES = {
  method: ApiGatewayMethod.tfResourceType,
  integration: ApiGatewayIntegration.tfResourceType,
  gatewayResponse: ApiGatewayGatewayResponse.tfResourceType,
} as const;

interface ResourceInputs { readonly pathPartInput?: unknown; readonly parentIdInput?: unknown }

/** Nesting deeper than this is a reference cycle, not a REST API (API Gateway allows few path levels). */
const MAX_PATH_DEPTH = 64;

/**
 * The path of the REST API resource a `resource_id` refers to (`/` for the root, `/items/{id}` for nested
 * `aws_api_gateway_resource`s), or `undefined` when part of it is not known at synth time.
 */
export function restResourcePath(view: TerraformView, api: ApiGatewayRestApi, resourceId: unknown): string | undefined {
  const parts: string[] = [];
  let id = resourceId;
  for (let depth = 0; depth < MAX_PATH_DEPTH; depth++) {
    if (view.refersTo(id, api, 'root_resource_id')) return `/${parts.reverse().join('/')}`;
    const resource = view.resourcesOfType<ResourceInputs>(ApiGatewayResource.tfResourceType).find((r) => view.refersTo(id, r, 'id'));
    if (resource === undefined) return undefined;
    const part = view.attribute(resource, 'path_part', resource.pathPartInput);
    if (typeof part !== 'string') return undefined;
    parts.push(part);
    id = view.attribute(resource, 'parent_id', resource.parentIdInput);
  }
  return undefined;
}

interface MethodNameInputs { readonly httpMethodInput?: unknown }

/**
 * An integration's `http_method` as written, or the method's own when it refers to an `aws_api_gateway_method`
 * (as `httpMethod: method.httpMethod` does); `undefined` when it is not known at synth time.
 */
export function restMethodName(view: TerraformView, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!value.includes('${')) return value;
  const method = view.resourcesOfType<MethodNameInputs>(ApiGatewayMethod.tfResourceType).find((m) => view.refersTo(value, m, 'http_method'));
  const name = method === undefined ? undefined : view.attribute(method, 'http_method', method.httpMethodInput);
  return typeof name === 'string' && !name.includes('${') ? name : undefined;
}
