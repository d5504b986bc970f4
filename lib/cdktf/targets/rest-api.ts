import {
  configFingerprint,
  gatewayResponseHeadersNotMerged,
  gatewayResponseParameters,
  isUnresolvedToken,
  mergeGatewayResponseParameters,
  proxyResponsesUncovered,
  REST_API_MOCK_REQUEST_TEMPLATE,
  renderRestApiCors,
  restApiOriginListToken,
  restApiPreflightParameters,
  targetCorsConflict,
  type CorsDiagnostic,
  type ProxyIntegrationFact,
  type RestApiCorsConfig,
  type RestApiPreflightParameters,
} from '../../core/internal';
import { Fn } from 'cdktf';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayIntegrationResponse } from '@cdktf/provider-aws/lib/api-gateway-integration-response';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodResponse } from '@cdktf/provider-aws/lib/api-gateway-method-response';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import type { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { Construct, type IConstruct } from 'constructs';
import type { TargetContext } from '../context';
import type { LambdaFunctionBindings } from './lambda-function';
import { LIST_TOKEN } from '../tokens';
import { TerraformView } from '../view';

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
export interface PreflightTemplate extends RestApiPreflightParameters {
  readonly restApiId: string;
  readonly statusCode: string;
  readonly responseTemplate: string | undefined;
}

/** The shared part of the preflights of `api` under `config`. */
function preflightTemplate(api: ApiGatewayRestApi, config: RestApiCorsConfig): PreflightTemplate {
  const { preflight } = config;
  return {
    restApiId: api.id,
    statusCode: preflight.statusCode,
    ...restApiPreflightParameters(preflight),
    responseTemplate: preflight.responseTemplate,
  };
}

/** Creates the OPTIONS method, MOCK integration, method response and integration response for one resource. */
function createPreflight(scope: Construct, prefix: string, template: PreflightTemplate, resourceId: string): RestApiPreflightResources {
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
function createGatewayResponses(scope: Construct, prefix: string, restApiId: string, config: RestApiCorsConfig): ApiGatewayGatewayResponse[] {
  return config.gatewayResponses.map((response) => new ApiGatewayGatewayResponse(scope, `${prefix}${response.type}`, {
    restApiId,
    responseType: response.type,
    responseParameters: gatewayResponseParameters(response),
  }));
}

// Terraform types this adapter creates or inspects on a REST API.
const REST_API_TYPES = {
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
function restResourcePath(view: TerraformView, api: ApiGatewayRestApi, resourceId: unknown): string | undefined {
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
function restMethodName(view: TerraformView, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!value.includes('${')) return value;
  const method = view.resourcesOfType<MethodNameInputs>(ApiGatewayMethod.tfResourceType).find((m) => view.refersTo(value, m, 'http_method'));
  const name = method === undefined ? undefined : view.attribute(method, 'http_method', method.httpMethodInput);
  return typeof name === 'string' && !name.includes('${') ? name : undefined;
}

/** Options of {@link CorsPolicy.applyToRestApi}. */
export interface RestApiCorsOptions {
  /** The resources that get an OPTIONS preflight method (the root gets one too unless `includeRoot` is false). */
  readonly resources: readonly ApiGatewayResource[];
  /**
   * Whether the API's root resource (`/`) gets an OPTIONS preflight method.
   * @default true
   */
  readonly includeRoot?: boolean;
  /**
   * Whether DEFAULT_4XX and DEFAULT_5XX gateway responses carry the CORS headers, so browsers can read
   * API Gateway's own errors (401, 403, 429, 5xx). The type-specific `aws_api_gateway_gateway_response`
   * resources you define on the same API (e.g. ACCESS_DENIED) replace the defaults for their type:
   * the CORS headers are merged into their `response_parameters` at synth time, keeping yours.
   * @default true
   */
  readonly gatewayResponses?: boolean;
}

/** The preflight resources of one REST API resource. */
export interface RestApiPreflight extends RestApiPreflightResources {
  /** The resource, or `undefined` for the API's root resource. */
  readonly resource: ApiGatewayResource | undefined;
}

/**
 * Everything {@link CorsPolicy.applyToRestApi} created on one REST API, and the value to put in the
 * `triggers` of its `aws_api_gateway_deployment`: API Gateway serves a snapshot taken at deployment,
 * so without it a changed preflight is deployed to Terraform state but never served.
 */
export class RestApiCors {
  /** @internal */
  readonly _preflights: RestApiPreflight[] = [];
  /** @internal */
  readonly _gatewayResponses: ApiGatewayGatewayResponse[] = [];

  /**
   * Made by `CorsPolicy.applyToRestApi`, which creates the resources this object lists; one constructed directly
   * lists none. (Declared in the published types so that `new RestApiCors()` without arguments is a type error.)
   */
  constructor(
    /** The REST API. */
    public readonly api: ApiGatewayRestApi,
    /** The neutral configuration the resources hold (the core renderer's output). */
    public readonly config: RestApiCorsConfig,
  ) {}

  /** @internal The shared part of every preflight on this API (built on first use). */
  _template(): PreflightTemplate {
    this.template ??= preflightTemplate(this.api, this.config);
    return this.template;
  }

  private template?: PreflightTemplate;

  /** One entry per covered resource, root first, then in the order the resources were given. */
  get preflights(): readonly RestApiPreflight[] {
    return [...this._preflights];
  }

  /** The DEFAULT_4XX and DEFAULT_5XX gateway responses (empty with `gatewayResponses: false`). */
  get gatewayResponses(): readonly ApiGatewayGatewayResponse[] {
    return [...this._gatewayResponses];
  }

  /** Every resource created, in creation order, e.g. for a deployment's `dependsOn`. */
  get resources(): ReadonlyArray<RestApiPreflightResources[keyof RestApiPreflightResources] | ApiGatewayGatewayResponse> {
    return [
      ...this._preflights.flatMap((p) => [p.method, p.integration, p.methodResponse, p.integrationResponse]),
      ...this._gatewayResponses,
    ];
  }

  /** A stable hash of the CORS configuration and of what it covers; changes exactly when they do. */
  get fingerprint(): string {
    return configFingerprint({
      config: this.config,
      resources: this._preflights.map((p) => (p.resource ? p.resource.node.path : '/')),
      gatewayResponses: this._gatewayResponses.map((r) => r.node.id),
    });
  }

  /**
   * A Terraform expression for `aws_api_gateway_deployment.triggers`: the sha1 of the fingerprint and of
   * the ids of every created resource, so a changed configuration or a replaced method redeploys the API.
   */
  get triggerValue(): string {
    // Built once per set of covered resources (resources are only ever added): the same token until then.
    const size = this._preflights.length * 4 + this._gatewayResponses.length;
    if (this.trigger?.size !== size) {
      this.trigger = { size, value: Fn.sha1(Fn.jsonencode([this.fingerprint, ...this.resources.map((r) => r.id)])) };
    }
    return this.trigger.value;
  }

  private trigger?: { readonly size: number; readonly value: string };
}

// The attributes the checks read, as the `*Input` getters of the provider classes (found by Terraform type).
interface MethodInputs { readonly httpMethodInput?: unknown; readonly resourceIdInput?: unknown }
interface IntegrationInputs { readonly typeInput?: unknown; readonly restApiIdInput?: unknown; readonly uriInput?: unknown; readonly httpMethodInput?: unknown; readonly resourceIdInput?: unknown }
interface GatewayResponseInputs { readonly responseTypeInput?: unknown; readonly restApiIdInput?: unknown; readonly responseParametersInput?: unknown }

/** A user's gateway response on an API the policy covers, with the attributes compared (resolved). */
interface UserGatewayResponse {
  readonly construct: ApiGatewayGatewayResponse;
  readonly responseType: unknown;
  readonly responseParameters: unknown;
}

// cdktf encodes a token map as a plain object with one marker key (`&{TfToken[...]}`).
const MAP_TOKEN_KEY = /[$#&]\{(?:Tf)?Token\[/;

// Whether entries can be added to a map attribute at synth time: a plain map whose keys are known
// (not a token map), judged from the value as given and as it synthesizes.
function isMergeableMap(value: unknown, synthesized: unknown): value is Record<string, string> | undefined {
  if (synthesized !== undefined && (synthesized === null || typeof synthesized !== 'object' || Array.isArray(synthesized))) return false;
  if (value === undefined) return true;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  if (typeof (value as { resolve?: unknown }).resolve === 'function') return false;
  return !Object.keys(value).some((key) => MAP_TOKEN_KEY.test(key) || isUnresolvedToken(key));
}

/**
 * The policy on REST APIs: the preflights and gateway responses it creates, the CORS headers it merges
 * into the user's gateway responses, the conflicts, and the integrations' facts. @internal
 */
export class RestApiTarget {
  private readonly restApis = new Map<ApiGatewayRestApi, RestApiCors>();
  // The APIs already reported for an origin list token (one error per API, however often applied).
  private readonly listTokenApis = new Set<string>();

  constructor(private readonly ctx: TargetContext, private readonly functions: LambdaFunctionBindings) {}

  /** Covers the API's root (unless `includeRoot: false`) and the given resources; see `CorsPolicy.applyToRestApi`. */
  public apply(api: ApiGatewayRestApi, options: RestApiCorsOptions): RestApiCors {
    const { ctx } = this;
    if (ctx.policy.allowOrigins.some((origin) => LIST_TOKEN.test(origin))) {
      // Rendering would embed the list in a string and crash synth: one clear error instead.
      if (!this.listTokenApis.has(api.node.path)) {
        this.listTokenApis.add(api.node.path);
        ctx.addConflict(restApiOriginListToken(api.node.path, 'a list(string) variable', 'Fn.element(list, 0), Fn.element(list, 1)'));
      }
      return new RestApiCors(api, renderRestApiCors({ ...ctx.policy, allowOrigins: [] }));
    }
    let applied = this.restApis.get(api);
    if (!applied) {
      applied = new RestApiCors(api, ctx.render('rest-api', (policy) => renderRestApiCors(policy, { doubleQuotesAtDeploy: (token) => Fn.replace(token, "'", "''") })));
      this.restApis.set(api, applied);
    }
    const scope = (ctx.owner.node.tryFindChild(`RestApi-${api.friendlyUniqueId}`) as Construct | undefined) ?? new Construct(ctx.owner, `RestApi-${api.friendlyUniqueId}`);
    const covered = new Set(applied._preflights.map((p) => p.resource));
    if (options?.includeRoot !== false && !covered.has(undefined)) {
      applied._preflights.push({ resource: undefined, ...createPreflight(scope, 'Root-', applied._template(), api.rootResourceId) });
    }
    for (const resource of options?.resources ?? []) {
      if (covered.has(resource) || applied._preflights.some((p) => p.resource === resource)) continue;
      applied._preflights.push({ resource, ...createPreflight(scope, `${resource.friendlyUniqueId}-`, applied._template(), resource.id) });
    }
    if (options?.gatewayResponses !== false && applied._gatewayResponses.length === 0) {
      applied._gatewayResponses.push(...createGatewayResponses(scope, '', applied._template().restApiId, applied.config));
    }
    return applied;
  }

  /** Adds the CORS headers to the user's type-specific gateway responses, keeping every parameter they set. */
  public mergeUserGatewayResponses(): void {
    if (this.restApis.size === 0) return;
    const view = TerraformView.shared(this.ctx.owner);
    if (!view) return;
    for (const applied of this.restApis.values()) {
      const cors = applied.config.gatewayResponses[0];
      if (!cors) continue;
      for (const { construct: response, responseParameters } of this.userGatewayResponses(view, applied)) {
        const current = response.responseParametersInput;
        if (!isMergeableMap(current, responseParameters)) continue; // reported by warnings()
        const merge = mergeGatewayResponseParameters(current, cors);
        if (merge.added.length > 0) {
          response.responseParameters = merge.parameters as Record<string, string>;
          TerraformView.invalidate(this.ctx.owner); // the pass's view cached the attributes before the change
        }
      }
    }
  }

  /** OPTIONS methods and DEFAULT_4XX/5XX gateway responses not ours, and user gateway responses setting other CORS values. */
  public conflicts(view: TerraformView | undefined): CorsDiagnostic[] {
    const found: CorsDiagnostic[] = [];
    for (const applied of this.restApis.values()) {
      const ours = new Set<IConstruct>(applied.resources);
      const coveredIds = applied._preflights.map((p) => (p.resource ? { resource: p.resource, attribute: 'id' } : { resource: applied.api, attribute: 'root_resource_id' }));
      // Only the methods whose resource_id refers to a covered resource can match (the view's reference index).
      const candidates = new Set(coveredIds.flatMap((c) => view?.referrers<MethodInputs>(REST_API_TYPES.method, 'resource_id', (r) => r.resourceIdInput, c.resource) ?? []));
      for (const other of candidates.size > 0 ? view!.resourcesOfType<MethodInputs>(REST_API_TYPES.method) : []) {
        if (!candidates.has(other) || ours.has(other) || String(view!.attribute(other, 'http_method', other.httpMethodInput)).toUpperCase() !== 'OPTIONS') continue;
        const resourceId = view!.attribute(other, 'resource_id', other.resourceIdInput);
        const covered = coveredIds.find((c) => view!.refersTo(resourceId, c.resource, c.attribute));
        if (covered) found.push(targetCorsConflict(covered.resource.node.path, 'rest-api', `an OPTIONS method not created by this policy: ${other.node.path}`));
      }
      const ourTypes = new Set(applied._gatewayResponses.map((r) => r.responseTypeInput));
      for (const other of view?.resourcesOfType<GatewayResponseInputs>(REST_API_TYPES.gatewayResponse) ?? []) {
        if (ours.has(other)) continue;
        const responseType = String(view!.attribute(other, 'response_type', other.responseTypeInput));
        if (!ourTypes.has(responseType) || !view!.refersTo(view!.attribute(other, 'rest_api_id', other.restApiIdInput), applied.api)) continue;
        found.push(targetCorsConflict(applied.api.node.path, 'rest-api', `a ${responseType} gateway response not created by this policy: ${other.node.path} (pass { gatewayResponses: false } to keep yours)`));
      }
      const cors = applied.config.gatewayResponses[0];
      for (const other of view && cors ? this.userGatewayResponses(view, applied) : []) {
        const current = other.responseParameters;
        if (!isMergeableMap(other.construct.responseParametersInput, current)) continue; // warned by warnings()
        const { conflicts } = mergeGatewayResponseParameters(current as Record<string, unknown> | undefined, cors!);
        if (conflicts.length > 0) found.push(targetCorsConflict(`${String(other.responseType)} gateway response ${other.construct.node.path}`, 'rest-api', conflicts.join('; ')));
      }
    }
    return found;
  }

  /** `proxy-responses-uncovered` over each API's proxy integrations, then the user gateway responses whose headers could not be merged. */
  public warnings(view: TerraformView): CorsDiagnostic[] {
    const found: CorsDiagnostic[] = [];
    for (const applied of this.restApis.values()) {
      const integrations = view.resourcesOfType<IntegrationInputs>(REST_API_TYPES.integration)
        .filter((i) => String(view.attribute(i, 'type', i.typeInput)).toUpperCase() === 'AWS_PROXY'
          && view.refersTo(view.attribute(i, 'rest_api_id', i.restApiIdInput), applied.api))
        .map((i): ProxyIntegrationFact => ({
          httpMethod: restMethodName(view, view.attribute(i, 'http_method', i.httpMethodInput)) ?? '<deploy-time method>',
          resourcePath: restResourcePath(view, applied.api, view.attribute(i, 'resource_id', i.resourceIdInput)),
          boundToRuntimeHelper: this.functions.boundFunction(view, view.attribute(i, 'uri', i.uriInput)) !== undefined,
          source: i.node.path,
        }));
      found.push(...proxyResponsesUncovered(integrations));
    }
    for (const applied of this.restApis.values()) {
      const cors = applied.config.gatewayResponses[0];
      if (!cors) continue;
      for (const { construct, responseType, responseParameters } of this.userGatewayResponses(view, applied)) {
        if (!isMergeableMap(construct.responseParametersInput, responseParameters)) {
          found.push(gatewayResponseHeadersNotMerged(`${String(responseType)} gateway response ${construct.node.path}`, cors));
        }
      }
    }
    return found;
  }

  /**
   * The `aws_api_gateway_gateway_response` resources the user defined on an API this policy covers with
   * gateway responses, other than DEFAULT_4XX/DEFAULT_5XX (those are conflicts with ours).
   */
  private userGatewayResponses(view: TerraformView, applied: RestApiCors): UserGatewayResponse[] {
    if (applied._gatewayResponses.length === 0) return [];
    const ours = new Set<IConstruct>(applied._gatewayResponses);
    const ourTypes = new Set(applied._gatewayResponses.map((r) => r.responseTypeInput));
    const found: UserGatewayResponse[] = [];
    for (const r of view.resourcesOfType<GatewayResponseInputs>(REST_API_TYPES.gatewayResponse)) {
      if (ours.has(r)) continue;
      const responseType = view.attribute(r, 'response_type', r.responseTypeInput);
      if (ourTypes.has(String(responseType)) || !view.refersTo(view.attribute(r, 'rest_api_id', r.restApiIdInput), applied.api)) continue;
      // Structurally an ApiGatewayGatewayResponse (found by its Terraform type).
      found.push({ construct: r as unknown as ApiGatewayGatewayResponse, responseType, responseParameters: view.attribute(r, 'response_parameters', r.responseParametersInput) });
    }
    return found;
  }
}
