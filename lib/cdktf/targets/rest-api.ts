import { apiGatewayLiteral, gatewayResponseParameters, REST_API_MOCK_REQUEST_TEMPLATE, type RestApiCorsConfig } from '../../core';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayIntegrationResponse } from '@cdktf/provider-aws/lib/api-gateway-integration-response';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodResponse } from '@cdktf/provider-aws/lib/api-gateway-method-response';
import type { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import type { Construct } from 'constructs';

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
