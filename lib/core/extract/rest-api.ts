import type { RestApiGatewayResponseSimulationConfig, RestApiPreflightSimulationConfig } from '../simulate/types';
import { isOpaqueValue } from './opaque';
import { asRecord, propertyPath, type ValueReader } from './reader';

/** The parts of a REST API OPTIONS method, as CloudFormation and Terraform both hold them. */
export interface RestPreflightParts {
  /** The integration response status code. */
  readonly statusCode?: unknown;
  /** Integration response parameters (`method.response.header.<Name>` → `'value'` or `method.request.header.<Name>`). */
  readonly responseParameters?: unknown;
  /** Integration response templates by content type. */
  readonly responseTemplates?: unknown;
  /** The method's authorization type. */
  readonly authorizationType?: unknown;
  /** Whether the method requires an API key. */
  readonly apiKeyRequired?: unknown;
  /** The integration type (MOCK, AWS_PROXY, ...). */
  readonly integrationType?: unknown;
}

const LITERAL = /^'(.*)'$/s;
const REQUEST_HEADER = /^method\.request\.header\.(.+)$/;

function readParameters(parameters: unknown, prefix: string, reader: ValueReader, field: string, at: string | undefined): { literal: Record<string, string>; mapped: Record<string, string> } {
  const literal: Record<string, string> = {};
  const mapped: Record<string, string> = {};
  for (const [key, raw] of Object.entries(asRecord(parameters) ?? {})) {
    if (!key.startsWith(prefix)) continue;
    const header = key.slice(prefix.length);
    const value = reader.string(raw, `${field}.${header}`, at === undefined ? undefined : propertyPath(at, key));
    if (value === undefined) continue;
    const quoted = LITERAL.exec(value);
    const request = REQUEST_HEADER.exec(value);
    // A value known at deploy time (aws-cdk-lib writes a token origin as an Fn::Join of "'", the token and "'")
    // is kept as the opaque value, not dropped: dropped, a preflight's only origin would read as no origin at all.
    if (isOpaqueValue(value)) literal[header] = value;
    else if (quoted) literal[header] = quoted[1]!;
    else if (request) mapped[header] = request[1]!;
    else reader.notes.push(`${field}.${header} is mapped from ${value}, which the simulator cannot evaluate; ignored`);
  }
  return { literal, mapped };
}

/**
 * Builds the preflight configuration of one OPTIONS method. `at` is the template path of the
 * integration response (`Properties.Integration.IntegrationResponses[0]`), to record locations.
 */
export function restPreflight(parts: RestPreflightParts, reader: ValueReader, at?: string): RestApiPreflightSimulationConfig {
  const { literal, mapped } = readParameters(parts.responseParameters, 'method.response.header.', reader, 'preflight.staticHeaders', at === undefined ? undefined : `${at}.ResponseParameters`);
  const templates = asRecord(parts.responseTemplates) ?? {};
  const templateKey = 'application/json' in templates ? 'application/json' : Object.keys(templates)[0];
  const templateRaw = templateKey === undefined ? undefined : templates[templateKey];
  const template = templateRaw === undefined ? undefined : reader.string(templateRaw, 'preflight.responseTemplate', at === undefined ? undefined : propertyPath(`${at}.ResponseTemplates`, templateKey!));
  const authorizationType = reader.string(parts.authorizationType, 'preflight.authorizationType');
  const apiKeyRequired = reader.boolean(parts.apiKeyRequired, 'preflight.apiKeyRequired');
  const integrationType = reader.string(parts.integrationType, 'preflight.integrationType');
  const statusCode = reader.string(parts.statusCode, 'preflight.statusCode') ?? '200';
  if (authorizationType !== undefined && authorizationType.toUpperCase() !== 'NONE') reader.notes.push(`the OPTIONS method uses authorization ${authorizationType}: preflights carry no credentials, so API Gateway rejects every one (401/403)`);
  if (apiKeyRequired === true) reader.notes.push('the OPTIONS method requires an API key: preflights never carry one, so API Gateway answers 403');
  if (isProxyIntegration(integrationType)) reader.notes.push(`the OPTIONS method's ${integrationType} integration answers preflights from the backend: its CORS headers are not in the template and are not checked`);
  return {
    statusCode,
    staticHeaders: literal,
    ...(Object.keys(mapped).length > 0 ? { requestMappedHeaders: mapped } : {}),
    ...(template !== undefined && template !== '' ? { responseTemplate: template } : {}),
    ...(authorizationType !== undefined ? { authorizationType } : {}),
    ...(apiKeyRequired !== undefined ? { apiKeyRequired } : {}),
    ...(integrationType !== undefined ? { integrationType } : {}),
  };
}

/**
 * Whether an integration passes the backend's response through (AWS_PROXY, HTTP_PROXY): its integration
 * responses are not used, so an OPTIONS method with it holds no CORS configuration of its own.
 */
export function isProxyIntegration(integrationType: string | undefined): boolean {
  return integrationType !== undefined && /_PROXY$/i.test(integrationType);
}

/**
 * Why a REST API's gateway responses are read without a preflight. An API defined by an OpenAPI body (a
 * `SpecRestApi`) may well have OPTIONS methods there, but the extractors read no OpenAPI body.
 */
export function withoutPreflightNote(openApiBody: boolean): string {
  return openApiBody
    ? 'the REST API is defined by an OpenAPI body, which is not read: its OPTIONS methods and their CORS are not checked, only its gateway responses'
    : 'the REST API has gateway responses with CORS headers but no OPTIONS method: preflights get 403';
}

/**
 * Builds one gateway response; `undefined` when it carries no CORS header. `at` is the template path
 * of the object holding its `ResponseParameters` (`Properties`), to record locations.
 */
export function restGatewayResponse(type: unknown, parameters: unknown, reader: ValueReader, at?: string): RestApiGatewayResponseSimulationConfig | undefined {
  const responseType = reader.string(type, 'gatewayResponses.type') ?? 'UNKNOWN';
  const { literal } = readParameters(parameters, 'gatewayresponse.header.', reader, `gatewayResponses.${responseType}`, at === undefined ? undefined : `${at}.ResponseParameters`);
  if (!Object.keys(literal).some((h) => h.toLowerCase().startsWith('access-control-'))) return undefined;
  return { type: responseType, headers: literal };
}
