import type { CorsTarget } from '../props';
import type { RestApiGatewayResponseSimulationConfig } from '../simulate/types';
import type { S3CorsRuleConfig } from '../targets/s3';
import { isIntrinsic, jsonText } from './opaque';
import { asRecord, ValueReader } from './reader';
import { restGatewayResponse, restPreflight, withoutPreflightNote } from './rest-api';
import type { ExtractedConfigs, ExtractedCors, ExtractOptions, SourceLocation } from './types';

// Whether the REST API a `RestApiId` (`{"Ref":"Api"}`, as JSON) names has its definition in an OpenAPI body.
function definedByOpenApi(resources: Record<string, unknown>, api: string): boolean {
  const ref = asRecord(JSON.parse(api) as unknown)?.['Ref'];
  const props = typeof ref === 'string' ? asRecord(asRecord(resources[ref])?.['Properties']) : undefined;
  return props !== undefined && (props['Body'] !== undefined || props['BodyS3Location'] !== undefined);
}

/**
 * Reads every CORS configuration of a CloudFormation template (as JSON), whoever wrote it:
 * `AWS::S3::Bucket` CorsConfiguration, `AWS::ApiGatewayV2::Api` CorsConfiguration, `AWS::Lambda::Url`
 * Cors, `AWS::CloudFront::ResponseHeadersPolicy` CorsConfig, and REST API OPTIONS methods
 * (`AWS::ApiGateway::Method`) with the API's `AWS::ApiGateway::GatewayResponse`s. Property names follow
 * the CloudFormation template reference. Never throws: anything unreadable is a note. Every item
 * records where its values are (`locations`), for tools that point at the template.
 */
export function extractFromCloudFormation(template: unknown, options: ExtractOptions = {}): ExtractedCors[] {
  const resources = asRecord(asRecord(template)?.['Resources']) ?? {};
  const items: ExtractedCors[] = [];
  const push = <T extends CorsTarget>(target: T, id: string, resource: Record<string, unknown>, reader: ValueReader, config: ExtractedConfigs[T], extraNotes: string[] = [], extraLocations: Record<string, SourceLocation> = {}): void => {
    const path = asRecord(resource['Metadata'])?.['aws:cdk:path'] ?? options.constructPaths?.[id];
    items.push({
      target,
      resourceId: id,
      resourceType: String(resource['Type']),
      ...(typeof path === 'string' ? { constructPath: path } : {}),
      ...(options.file !== undefined ? { file: options.file } : {}),
      source: 'cloudformation',
      config,
      unresolved: reader.unresolved,
      notes: [...extraNotes, ...reader.notes],
      locations: { ...extraLocations, ...reader.locations },
    } as ExtractedCors);
  };

  const gatewayResponses = new Map<string, { id: string; response: RestApiGatewayResponseSimulationConfig; reader: ValueReader }[]>();
  const optionsMethods: { id: string; resource: Record<string, unknown>; api: string }[] = [];

  for (const [id, value] of Object.entries(resources)) {
    const resource = asRecord(value);
    if (!resource) continue;
    const props = asRecord(resource['Properties']) ?? {};
    const reader = new ValueReader(id);
    switch (resource['Type']) {
      case 'AWS::S3::Bucket': {
        const cors = asRecord(props['CorsConfiguration']);
        if (!cors) break;
        const base = 'Properties.CorsConfiguration';
        reader.locate('$', base);
        if (reader.opaqueObject(cors, '$', base) || reader.opaqueObject(cors['CorsRules'], 'rules', `${base}.CorsRules`)) {
          push('s3', id, resource, reader, []);
          break;
        }
        const rules = Array.isArray(cors['CorsRules']) ? cors['CorsRules'] : [];
        const config: S3CorsRuleConfig[] = [];
        rules.forEach((raw, i) => {
          const at = `${base}.CorsRules[${i}]`;
          // A rule chosen at deploy time (Fn::If) is skipped, not read as a rule without origins and methods.
          if (reader.opaqueObject(raw, `rules[${i}]`, at)) return;
          const rule = asRecord(raw) ?? {};
          // Fields are named by the rule's position among the rules read, as the neutral config lists them.
          const f = `rules[${config.length}]`;
          reader.locate(f, at);
          const allowedHeaders = reader.list(rule['AllowedHeaders'], `${f}.allowedHeaders`, `${at}.AllowedHeaders`);
          const exposedHeaders = reader.list(rule['ExposedHeaders'], `${f}.exposedHeaders`, `${at}.ExposedHeaders`);
          const maxAgeSeconds = reader.number(rule['MaxAge'], `${f}.maxAgeSeconds`, `${at}.MaxAge`);
          config.push({
            allowedOrigins: reader.list(rule['AllowedOrigins'], `${f}.allowedOrigins`, `${at}.AllowedOrigins`) ?? [],
            allowedMethods: reader.list(rule['AllowedMethods'], `${f}.allowedMethods`, `${at}.AllowedMethods`) ?? [],
            ...(allowedHeaders ? { allowedHeaders } : {}),
            ...(exposedHeaders ? { exposedHeaders } : {}),
            ...(maxAgeSeconds !== undefined ? { maxAgeSeconds } : {}),
          });
        });
        push('s3', id, resource, reader, config);
        break;
      }
      case 'AWS::ApiGatewayV2::Api':
      case 'AWS::Lambda::Url': {
        const isUrl = resource['Type'] === 'AWS::Lambda::Url';
        const key = isUrl ? 'Cors' : 'CorsConfiguration';
        const cors = asRecord(props[key]);
        if (!cors) break;
        const base = `Properties.${key}`;
        reader.locate('$', base);
        if (reader.opaqueObject(cors, '$', base)) {
          // A whole configuration chosen at deploy time: nothing to read (recoverPolicies skips it).
          const none = { allowOrigins: [], allowMethods: [], allowCredentials: false };
          push(isUrl ? 'function-url' : 'http-api', id, resource, reader, none);
          break;
        }
        const allowHeaders = reader.list(cors['AllowHeaders'], 'allowHeaders', `${base}.AllowHeaders`);
        const exposeHeaders = reader.list(cors['ExposeHeaders'], 'exposeHeaders', `${base}.ExposeHeaders`);
        const maxAgeSeconds = reader.number(cors['MaxAge'], 'maxAgeSeconds', `${base}.MaxAge`);
        const config = {
          allowOrigins: reader.list(cors['AllowOrigins'], 'allowOrigins', `${base}.AllowOrigins`) ?? [],
          allowMethods: reader.list(cors['AllowMethods'], 'allowMethods', `${base}.AllowMethods`) ?? [],
          ...(allowHeaders ? { allowHeaders } : {}),
          ...(exposeHeaders ? { exposeHeaders } : {}),
          allowCredentials: reader.boolean(cors['AllowCredentials'], 'allowCredentials', `${base}.AllowCredentials`) ?? false,
          ...(maxAgeSeconds !== undefined ? { maxAgeSeconds } : {}),
        };
        if (isUrl) push('function-url', id, resource, reader, config);
        else push('http-api', id, resource, reader, config);
        break;
      }
      case 'AWS::CloudFront::ResponseHeadersPolicy': {
        const cors = asRecord(asRecord(props['ResponseHeadersPolicyConfig'])?.['CorsConfig']);
        if (!cors) break;
        const base = 'Properties.ResponseHeadersPolicyConfig.CorsConfig';
        reader.locate('$', base);
        if (reader.opaqueObject(cors, '$', base)) {
          push('cloudfront', id, resource, reader, { allowOrigins: [], allowMethods: [], allowHeaders: [], allowCredentials: false, originOverride: false });
          break;
        }
        // `{ Items: [...] }`, or an intrinsic in its place (Fn::If choosing between two), read as one opaque entry.
        const items = (key: string, field: string) => (isIntrinsic(cors[key])
          ? reader.list(cors[key], field, `${base}.${key}`)
          : reader.list(asRecord(cors[key])?.['Items'], field, `${base}.${key}.Items`));
        const exposeHeaders = items('AccessControlExposeHeaders', 'exposeHeaders');
        const maxAgeSeconds = reader.number(cors['AccessControlMaxAgeSec'], 'maxAgeSeconds', `${base}.AccessControlMaxAgeSec`);
        push('cloudfront', id, resource, reader, {
          allowOrigins: items('AccessControlAllowOrigins', 'allowOrigins') ?? [],
          allowMethods: items('AccessControlAllowMethods', 'allowMethods') ?? [],
          allowHeaders: items('AccessControlAllowHeaders', 'allowHeaders') ?? [],
          ...(exposeHeaders ? { exposeHeaders } : {}),
          allowCredentials: reader.boolean(cors['AccessControlAllowCredentials'], 'allowCredentials', `${base}.AccessControlAllowCredentials`) ?? false,
          ...(maxAgeSeconds !== undefined ? { maxAgeSeconds } : {}),
          originOverride: reader.boolean(cors['OriginOverride'], 'originOverride', `${base}.OriginOverride`) ?? false,
        });
        break;
      }
      case 'AWS::ApiGateway::Method':
        if (typeof props['HttpMethod'] === 'string' && props['HttpMethod'].toUpperCase() === 'OPTIONS') {
          optionsMethods.push({ id, resource, api: jsonText(props['RestApiId'] ?? null) });
        }
        break;
      case 'AWS::ApiGateway::GatewayResponse': {
        const response = restGatewayResponse(props['ResponseType'], props['ResponseParameters'], reader, 'Properties');
        if (!response) break;
        const api = jsonText(props['RestApiId'] ?? null);
        gatewayResponses.set(api, [...(gatewayResponses.get(api) ?? []), { id, response, reader }]);
        break;
      }
      default:
        break;
    }
  }

  const apisWithPreflight = new Set<string>();
  for (const { id, resource, api } of optionsMethods) {
    const props = asRecord(resource['Properties']) ?? {};
    const integration = asRecord(props['Integration']) ?? {};
    const responses = Array.isArray(integration['IntegrationResponses']) ? integration['IntegrationResponses'].map(asRecord) : [];
    // The default response (no selection pattern) is the one a MOCK integration selects.
    let chosenIndex = responses.findIndex((r) => r !== undefined && (r['SelectionPattern'] === undefined || r['SelectionPattern'] === ''));
    if (chosenIndex < 0) chosenIndex = responses.findIndex((r) => r !== undefined);
    const chosen = responses[chosenIndex] ?? {};
    const at = chosenIndex < 0 ? 'Properties.Integration' : `Properties.Integration.IntegrationResponses[${chosenIndex}]`;
    const reader = new ValueReader(id);
    reader.locate('$', at);
    const preflight = restPreflight({
      statusCode: chosen['StatusCode'],
      responseParameters: chosen['ResponseParameters'],
      responseTemplates: chosen['ResponseTemplates'],
      authorizationType: props['AuthorizationType'] ?? 'NONE',
      apiKeyRequired: props['ApiKeyRequired'],
      integrationType: integration['Type'],
    }, reader, at);
    const responsesOfApi = gatewayResponses.get(api) ?? [];
    apisWithPreflight.add(api);
    const notes = responsesOfApi.flatMap((g) => g.reader.notes);
    const locations = Object.assign({}, ...responsesOfApi.map((g) => g.reader.locations)) as Record<string, SourceLocation>;
    push('rest-api', id, resource, reader, { preflight, gatewayResponses: responsesOfApi.map((g) => g.response) }, notes, locations);
  }
  for (const [api, responses] of gatewayResponses) {
    if (apisWithPreflight.has(api)) continue;
    const first = responses[0]!;
    const resource = asRecord(resources[first.id]) ?? {};
    const locations = Object.assign({}, ...responses.slice(1).map((g) => g.reader.locations)) as Record<string, SourceLocation>;
    first.reader.locate('$', 'Properties.ResponseParameters');
    push('rest-api', first.id, resource, first.reader, { gatewayResponses: responses.map((g) => g.response) }, [withoutPreflightNote(definedByOpenApi(resources, api))], locations);
  }
  return items;
}
