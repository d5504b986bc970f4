import type { CorsTarget } from '../props';
import type { RestApiGatewayResponseSimulationConfig } from '../simulate/types';
import type { S3CorsRuleConfig } from '../targets/s3';
import { jsonText } from './opaque';
import { asRecord, blocks, ValueReader } from './reader';
import { restGatewayResponse, restPreflight, withoutPreflightNote } from './rest-api';
import type { ExtractedConfigs, ExtractedCors, ExtractOptions } from './types';

/** The resources of a Terraform JSON configuration by address (`aws_lambda_function.handler`). */
export type TerraformResources = ReadonlyMap<string, Record<string, unknown>>;

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/;

/** The resource and attribute a whole-value reference `${type.name.attribute}` names; `undefined` for any other value. */
export function referenceOf(value: unknown): { readonly type: string; readonly name: string; readonly attribute: string } | undefined {
  const match = typeof value === 'string' ? REFERENCE.exec(value) : null;
  return match ? { type: match[1]!, name: match[2]!, attribute: match[3]! } : undefined;
}

/** Every resource of a Terraform JSON configuration by address. */
export function terraformResources(configuration: unknown): TerraformResources {
  const byAddress = new Map<string, Record<string, unknown>>();
  for (const [type, named] of Object.entries(asRecord(asRecord(configuration)?.['resource']) ?? {})) {
    for (const [name, value] of Object.entries(asRecord(named) ?? {})) {
      const record = asRecord(value);
      if (record) byAddress.set(`${type}.${name}`, record);
    }
  }
  return byAddress;
}

/**
 * Resolves `${type.name.attribute}` to the literal attribute of another resource of the same
 * configuration (cdktf writes `http_method = "${aws_api_gateway_method.x.http_method}"`), so that
 * integration responses can be joined to their OPTIONS method. Other values are returned as written.
 */
export function resolveReference(value: unknown, byAddress: TerraformResources, depth = 0): unknown {
  const ref = referenceOf(value);
  if (!ref || depth > 5) return value;
  const target = byAddress.get(`${ref.type}.${ref.name}`);
  if (!target || !(ref.attribute in target)) return value;
  return resolveReference(target[ref.attribute], byAddress, depth + 1);
}

function joinKey(resource: Record<string, unknown>, byAddress: TerraformResources): string {
  return ['rest_api_id', 'resource_id', 'http_method'].map((k) => jsonText(resolveReference(resource[k], byAddress) ?? null)).join('|');
}

/**
 * Reads every CORS configuration of a Terraform JSON configuration (cdktf's `cdk.tf.json`, or a
 * hand-written `*.tf.json`): `aws_s3_bucket_cors_configuration` (and the legacy inline
 * `aws_s3_bucket.cors_rule`), `aws_apigatewayv2_api.cors_configuration`, `aws_lambda_function_url.cors`,
 * `aws_cloudfront_response_headers_policy.cors_config`, and REST API OPTIONS methods
 * (`aws_api_gateway_method` + `_integration` + `_integration_response`) with the API's
 * `aws_api_gateway_gateway_response`s. Attribute names follow the hashicorp/aws provider. Never throws.
 */
export function extractFromTerraform(configuration: unknown, options: ExtractOptions = {}): ExtractedCors[] {
  const resourceTypes = asRecord(asRecord(configuration)?.['resource']) ?? {};
  const byAddress = terraformResources(configuration);
  const ofType = (type: string): [string, Record<string, unknown>][] =>
    Object.entries(asRecord(resourceTypes[type]) ?? {}).flatMap(([name, value]) => {
      const record = asRecord(value);
      return record ? [[`${type}.${name}`, record] as [string, Record<string, unknown>]] : [];
    });

  const items: ExtractedCors[] = [];
  const push = <T extends CorsTarget>(target: T, address: string, resource: Record<string, unknown>, reader: ValueReader, config: ExtractedConfigs[T], extraNotes: string[] = []): void => {
    const path = asRecord(asRecord(resource['//'])?.['metadata'])?.['path'];
    items.push({
      target,
      resourceId: address,
      resourceType: address.slice(0, address.indexOf('.')),
      ...(typeof path === 'string' ? { constructPath: path } : {}),
      ...(options.file !== undefined ? { file: options.file } : {}),
      source: 'terraform',
      config,
      unresolved: reader.unresolved,
      notes: [...extraNotes, ...reader.notes],
    } as ExtractedCors);
  };

  const s3Rules = (rules: Record<string, unknown>[], reader: ValueReader): S3CorsRuleConfig[] => rules.map((rule, i) => {
    const f = `rules[${i}]`;
    const allowedHeaders = reader.list(rule['allowed_headers'], `${f}.allowedHeaders`);
    const exposedHeaders = reader.list(rule['expose_headers'], `${f}.exposedHeaders`);
    const maxAgeSeconds = reader.number(rule['max_age_seconds'], `${f}.maxAgeSeconds`);
    return {
      allowedOrigins: reader.list(rule['allowed_origins'], `${f}.allowedOrigins`) ?? [],
      allowedMethods: reader.list(rule['allowed_methods'], `${f}.allowedMethods`) ?? [],
      ...(allowedHeaders ? { allowedHeaders } : {}),
      ...(exposedHeaders ? { exposedHeaders } : {}),
      ...(maxAgeSeconds !== undefined ? { maxAgeSeconds } : {}),
    };
  });
  for (const [address, resource] of ofType('aws_s3_bucket_cors_configuration')) {
    const reader = new ValueReader();
    push('s3', address, resource, reader, s3Rules(blocks(resource['cors_rule']), reader));
  }
  for (const [address, resource] of ofType('aws_s3_bucket')) {
    const rules = blocks(resource['cors_rule']);
    if (rules.length === 0) continue;
    const reader = new ValueReader();
    push('s3', address, resource, reader, s3Rules(rules, reader), ['inline aws_s3_bucket.cors_rule is deprecated in the AWS provider; use aws_s3_bucket_cors_configuration']);
  }

  const apiLike = (target: 'http-api' | 'function-url', type: string, block: string): void => {
    for (const [address, resource] of ofType(type)) {
      const cors = blocks(resource[block])[0];
      if (!cors) continue;
      const reader = new ValueReader();
      const allowHeaders = reader.list(cors['allow_headers'], 'allowHeaders');
      const exposeHeaders = reader.list(cors['expose_headers'], 'exposeHeaders');
      const maxAgeSeconds = reader.number(cors['max_age'], 'maxAgeSeconds');
      const config = {
        allowOrigins: reader.list(cors['allow_origins'], 'allowOrigins') ?? [],
        allowMethods: reader.list(cors['allow_methods'], 'allowMethods') ?? [],
        ...(allowHeaders && allowHeaders.length > 0 ? { allowHeaders } : {}),
        ...(exposeHeaders && exposeHeaders.length > 0 ? { exposeHeaders } : {}),
        allowCredentials: reader.boolean(cors['allow_credentials'], 'allowCredentials') ?? false,
        ...(maxAgeSeconds !== undefined ? { maxAgeSeconds } : {}),
      };
      if (target === 'http-api') push('http-api', address, resource, reader, config);
      else push('function-url', address, resource, reader, config);
    }
  };
  apiLike('http-api', 'aws_apigatewayv2_api', 'cors_configuration');
  apiLike('function-url', 'aws_lambda_function_url', 'cors');

  for (const [address, resource] of ofType('aws_cloudfront_response_headers_policy')) {
    const cors = blocks(resource['cors_config'])[0];
    if (!cors) continue;
    const reader = new ValueReader();
    const items = (key: string, field: string) => reader.list(blocks(cors[key])[0]?.['items'], field);
    const exposeHeaders = items('access_control_expose_headers', 'exposeHeaders');
    const maxAgeSeconds = reader.number(cors['access_control_max_age_sec'], 'maxAgeSeconds');
    push('cloudfront', address, resource, reader, {
      allowOrigins: items('access_control_allow_origins', 'allowOrigins') ?? [],
      allowMethods: items('access_control_allow_methods', 'allowMethods') ?? [],
      allowHeaders: items('access_control_allow_headers', 'allowHeaders') ?? [],
      ...(exposeHeaders ? { exposeHeaders } : {}),
      allowCredentials: reader.boolean(cors['access_control_allow_credentials'], 'allowCredentials') ?? false,
      ...(maxAgeSeconds !== undefined ? { maxAgeSeconds } : {}),
      originOverride: reader.boolean(cors['origin_override'], 'originOverride') ?? false,
    });
  }

  // REST API: join integration and integration response to their OPTIONS method.
  const gateway = new Map<string, { address: string; response: RestApiGatewayResponseSimulationConfig; reader: ValueReader }[]>();
  for (const [address, resource] of ofType('aws_api_gateway_gateway_response')) {
    const reader = new ValueReader();
    const response = restGatewayResponse(resource['response_type'], resource['response_parameters'], reader);
    if (!response) continue;
    const api = jsonText(resolveReference(resource['rest_api_id'], byAddress) ?? null);
    gateway.set(api, [...(gateway.get(api) ?? []), { address, response, reader }]);
  }
  const integrations = new Map(ofType('aws_api_gateway_integration').map(([, r]) => [joinKey(r, byAddress), r]));
  const integrationResponses = new Map<string, Record<string, unknown>>();
  for (const [, r] of ofType('aws_api_gateway_integration_response')) {
    const key = joinKey(r, byAddress);
    const existing = integrationResponses.get(key);
    // The default response (no selection pattern) is the one a MOCK integration selects.
    if (!existing || (existing['selection_pattern'] !== undefined && r['selection_pattern'] === undefined)) integrationResponses.set(key, r);
  }
  const apisWithPreflight = new Set<string>();
  for (const [address, method] of ofType('aws_api_gateway_method')) {
    const httpMethod = resolveReference(method['http_method'], byAddress);
    if (typeof httpMethod !== 'string' || httpMethod.toUpperCase() !== 'OPTIONS') continue;
    const key = joinKey(method, byAddress);
    const integration = integrations.get(key);
    const response = integrationResponses.get(key);
    const reader = new ValueReader();
    const preflight = restPreflight({
      statusCode: resolveReference(response?.['status_code'], byAddress),
      responseParameters: response?.['response_parameters'],
      responseTemplates: response?.['response_templates'],
      authorizationType: method['authorization'] ?? 'NONE',
      apiKeyRequired: method['api_key_required'],
      integrationType: integration?.['type'],
    }, reader);
    const api = jsonText(resolveReference(method['rest_api_id'], byAddress) ?? null);
    apisWithPreflight.add(api);
    const responses = gateway.get(api) ?? [];
    const notes = [
      ...(integration ? [] : ['no aws_api_gateway_integration found for this OPTIONS method']),
      ...(response ? [] : ['no aws_api_gateway_integration_response found for this OPTIONS method: the preflight carries no CORS headers']),
      ...responses.flatMap((g) => g.reader.notes),
    ];
    push('rest-api', address, method, reader, { preflight, gatewayResponses: responses.map((g) => g.response) }, notes);
  }
  for (const [api, responses] of gateway) {
    if (apisWithPreflight.has(api)) continue;
    const first = responses[0]!;
    const restApi = referenceOf(resolveReference(byAddress.get(first.address)?.['rest_api_id'], byAddress));
    const openApiBody = restApi !== undefined && byAddress.get(`${restApi.type}.${restApi.name}`)?.['body'] !== undefined;
    push('rest-api', first.address, byAddress.get(first.address) ?? {}, first.reader, { gatewayResponses: responses.map((g) => g.response) }, [withoutPreflightNote(openApiBody)]);
  }
  return items;
}
