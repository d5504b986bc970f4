import {
  configFingerprint,
  duplicateCorsHeaders,
  formatDiagnostic,
  gatewayResponseHeadersNotMerged,
  isUnresolvedToken,
  mergeGatewayResponseParameters,
  needsPreflight,
  normalizeCorsPolicyUnchecked,
  preflightNeedsOptionsRoute,
  preflightNotForwarded,
  proxyResponsesUncovered,
  restApiOriginListToken,
  regionalResourceName,
  renderCloudFrontCors,
  renderFunctionUrlCors,
  renderHttpApiCors,
  renderRestApiCors,
  renderS3CorsRule,
  RUNTIME_POLICY_ENV,
  targetCorsConflict,
  validateCorsPolicy,
  type CorsDiagnostic,
  type CorsPolicyProps,
  type CloudFrontBehaviorFact,
  type CorsTarget,
  type HttpRouteFact,
  type NormalizedCorsPolicy,
  type ProxyIntegrationFact,
  type RestApiCorsConfig,
} from '../core';
import { Annotations, Aspects, Fn, TerraformStack, type TerraformResource } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import type { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import type { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import type { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import type { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import type { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import type { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { createResponseHeadersPolicy, DISTRIBUTION_RESOURCE_TYPE, toResponseHeadersPolicyCorsConfig, type ResponseHeadersPolicyCorsConfig } from './targets/cloudfront';
import { currentFunctionUrlCors, setFunctionUrlCors, type FunctionUrlCors } from './targets/function-url';
import { currentHttpApiCors, setHttpApiCors, type HttpApiCorsConfiguration } from './targets/http-api';
import { toServiceCorsBlock } from './targets/service-cors';
import { readEnvironmentVariable, setEnvironmentVariable } from './targets/lambda-function';
import { createGatewayResponses, createPreflight, preflightTemplate, REST_API_TYPES, restMethodName, restResourcePath, type PreflightTemplate, type RestApiPreflightResources } from './targets/rest-api';
import { BUCKET_CORS_RESOURCE_TYPE, createBucketCorsConfiguration, inlineBucketCorsRules, toBucketCorsRule, type BucketCorsRule } from './targets/s3';
import { TerraformView } from './view';

// The attributes the checks read, as the `*Input` getters of the @cdktf/provider-aws classes (structural:
// resources are found by Terraform type, never with instanceof).
interface BucketCorsConfigurationInputs { readonly bucketInput?: unknown; readonly corsRuleInput?: unknown }
interface MethodInputs { readonly httpMethodInput?: unknown; readonly resourceIdInput?: unknown }
interface IntegrationInputs { readonly typeInput?: unknown; readonly restApiIdInput?: unknown; readonly uriInput?: unknown; readonly httpMethodInput?: unknown; readonly resourceIdInput?: unknown }
interface GatewayResponseInputs { readonly responseTypeInput?: unknown; readonly restApiIdInput?: unknown; readonly responseParametersInput?: unknown }
interface DistributionInputs { readonly defaultCacheBehaviorInput?: unknown; readonly orderedCacheBehaviorInput?: unknown }
interface RouteInputs { readonly apiIdInput?: unknown; readonly routeKeyInput?: unknown; readonly authorizationTypeInput?: unknown }

/** A user's gateway response on an API the policy covers, with the attributes compared (resolved). */
interface UserGatewayResponse {
  readonly construct: ApiGatewayGatewayResponse;
  readonly responseType: unknown;
  readonly responseParameters: unknown;
}

const ROUTE_RESOURCE_TYPE = 'aws_apigatewayv2_route';

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

  /** @internal */
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

type AppliedTarget = Apigatewayv2Api | LambdaFunctionUrl;

/** Prefix of every message this construct reports, followed by the rule id. */
export const DIAGNOSTIC_PREFIX = 'cors-constructs';


/**
 * One CORS policy for a cdktf stack (cors-constructs/cdktf) or a cdktn stack (cors-constructs/cdktn), applied
 * to API Gateway REST and HTTP APIs, Lambda function URLs, S3 buckets and CloudFront. Every rule lives in
 * `cors-constructs` (core); this construct only maps the core's rendered configuration onto the AWS provider's
 * resources (`@cdktf/provider-aws` or `@cdktn/provider-aws`).
 *
 * Errors fail `app.synth()` (through `node.addValidation`) with every problem at once; warnings are
 * framework annotations whose text starts with `cors-constructs:<rule>`.
 */
export class CorsPolicy extends Construct {
  /** The policy as written. */
  public readonly props: CorsPolicyProps;
  /** The policy in canonical form (what every target renders). */
  public readonly policy: NormalizedCorsPolicy;

  private readonly targets = new Set<CorsTarget>();
  private readonly buckets = new Map<S3Bucket, S3BucketCorsConfiguration>();
  private readonly httpApis: Apigatewayv2Api[] = [];
  private readonly functionUrls: LambdaFunctionUrl[] = [];
  private readonly restApis = new Map<ApiGatewayRestApi, RestApiCors>();
  private readonly restGatewayResponses: boolean[] = [];
  private readonly functions: LambdaFunction[] = [];
  private readonly applyConflicts: CorsDiagnostic[] = [];
  private readonly emittedWarnings = new Set<string>();
  private rhp?: CloudfrontResponseHeadersPolicy;
  private runtimeJson?: string;
  // The core's renderings of the policy, once per policy (the policy is normalized once, at construction).
  private readonly rendered = new Map<CorsTarget, unknown>();
  // Canonical JSON of what applyToHttpApi / applyToFunctionUrl set, compared at every pass.
  private wantedHttpApi?: string;
  // The block as the target held it right after applying (plain JSON): unchanged since means no conflict.
  private readonly asApplied = new Map<AppliedTarget, string | undefined>();
  private wantedFunctionUrl?: string;
  // validateCorsPolicy of the policy for one set of targets (the aspect and validation passes ask twice).
  private validated?: { readonly key: string; readonly diagnostics: CorsDiagnostic[] };

  constructor(scope: Construct, id: string, props: CorsPolicyProps) {
    super(scope, id);
    this.props = props;
    this.policy = normalizeCorsPolicyUnchecked(props);
    TerraformView.coordinate(this);
    this.node.addValidation({
      validate: () => {
        try {
          return this.errors().map(formatForSynth);
        } finally {
          TerraformView.endVisit(this);
        }
      },
    });
    Aspects.of(this).add({
      visit: (node: IConstruct) => {
        if (node !== this) return;
        TerraformView.beginAspectVisit(this);
        // Aspects run once the user's code has built the whole stack, before validation and output.
        this.mergeUserGatewayResponses();
        this.emitWarnings();
        TerraformView.endVisit(this);
      },
    });
  }

  /** The policy as `cors_rule` entries of an `aws_s3_bucket_cors_configuration` (also validates the policy for S3). */
  public toBucketCorsRules(): BucketCorsRule[] {
    this.targets.add('s3');
    return [toBucketCorsRule(this.render('s3', renderS3CorsRule))];
  }

  /** The policy as the `cors_configuration` of an `aws_apigatewayv2_api` (also validates the policy for HTTP APIs). */
  public toHttpApiCorsConfiguration(): HttpApiCorsConfiguration {
    this.targets.add('http-api');
    return toServiceCorsBlock(this.render('http-api', renderHttpApiCors));
  }

  /** The policy as the `cors` block of an `aws_lambda_function_url` (also validates the policy for function URLs). */
  public toFunctionUrlCors(): FunctionUrlCors {
    this.targets.add('function-url');
    return toServiceCorsBlock(this.render('function-url', renderFunctionUrlCors));
  }

  /** The policy as the `cors_config` of an `aws_cloudfront_response_headers_policy` (also validates the policy for CloudFront). */
  public toResponseHeadersPolicyCorsConfig(): ResponseHeadersPolicyCorsConfig {
    this.targets.add('cloudfront');
    return toResponseHeadersPolicyCorsConfig(this.render('cloudfront', renderCloudFrontCors));
  }

  /**
   * Creates the bucket's `aws_s3_bucket_cors_configuration`. Applying twice returns the same resource;
   * another CORS configuration on the bucket is a `target-cors-conflict` error.
   */
  public applyToBucket(bucket: S3Bucket): S3BucketCorsConfiguration {
    this.targets.add('s3');
    const existing = this.buckets.get(bucket);
    if (existing) return existing;
    const configuration = createBucketCorsConfiguration(this, `Bucket-${bucket.friendlyUniqueId}`, bucket, this.render('s3', renderS3CorsRule));
    this.buckets.set(bucket, configuration);
    return configuration;
  }

  /** Sets the HTTP API's `cors_configuration`; a different existing one is a `target-cors-conflict` error. */
  public applyToHttpApi(api: Apigatewayv2Api): void {
    this.targets.add('http-api');
    if (this.httpApis.includes(api)) return;
    const wanted = this.toHttpApiCorsConfiguration();
    this.recordExisting(api, 'http-api', currentHttpApiCors(api), wanted, 'cors_configuration');
    setHttpApiCors(api, wanted);
    this.asApplied.set(api, JSON.stringify(currentHttpApiCors(api)));
    this.httpApis.push(api);
  }

  /** Sets the function URL's `cors`; a different existing one is a `target-cors-conflict` error. */
  public applyToFunctionUrl(url: LambdaFunctionUrl): void {
    this.targets.add('function-url');
    if (this.functionUrls.includes(url)) return;
    const wanted = this.toFunctionUrlCors();
    this.recordExisting(url, 'function-url', currentFunctionUrlCors(url), wanted, 'cors');
    setFunctionUrlCors(url, wanted);
    this.asApplied.set(url, JSON.stringify(currentFunctionUrlCors(url)));
    this.functionUrls.push(url);
  }

  /**
   * Answers preflights on the API's root (unless `includeRoot: false`) and on each given resource with a
   * MOCK OPTIONS method (204, no authorizer, no API key), and adds the CORS headers to the DEFAULT_4XX and
   * DEFAULT_5XX gateway responses (unless `gatewayResponses: false`). Put the returned `triggerValue` in the
   * `triggers` of the API's `aws_api_gateway_deployment`. Applying again to the same API covers the
   * resources not covered yet and returns the same object.
   */
  public applyToRestApi(api: ApiGatewayRestApi, options: RestApiCorsOptions): RestApiCors {
    this.targets.add('rest-api');
    this.restGatewayResponses.push(options?.gatewayResponses !== false);
    if (this.policy.allowOrigins.some((origin) => LIST_TOKEN.test(origin))) {
      // Rendering would embed the list in a string and crash synth: one clear error instead.
      if (!this.applyConflicts.some((d) => d.rule === 'unresolved-token' && d.message.includes(` ${api.node.path} `))) this.applyConflicts.push(restApiOriginListToken(api.node.path, 'a list(string) variable', 'Fn.element(list, 0), Fn.element(list, 1)'));
      return new RestApiCors(api, renderRestApiCors({ ...this.policy, allowOrigins: [] }));
    }
    let applied = this.restApis.get(api);
    if (!applied) {
      applied = new RestApiCors(api, this.render('rest-api', (policy) => renderRestApiCors(policy, { doubleQuotesAtDeploy: (token) => Fn.replace(token, "'", "''") })));
      this.restApis.set(api, applied);
    }
    const scope = (this.node.tryFindChild(`RestApi-${api.friendlyUniqueId}`) as Construct | undefined) ?? new Construct(this, `RestApi-${api.friendlyUniqueId}`);
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

  /**
   * The `aws_cloudfront_response_headers_policy` of this policy, created on first access (one per
   * CorsPolicy: accounts have a quota of 20). Its name is `<stack>-<region>-<construct path below the
   * stack>` as in the CDK flavour: deterministic, at most 128 characters, cut with a hash suffix when
   * longer (names are unique per account across regions).
   */
  public get responseHeadersPolicy(): CloudfrontResponseHeadersPolicy {
    if (!this.rhp) {
      this.targets.add('cloudfront');
      this.rhp = createResponseHeadersPolicy(this, 'ResponseHeadersPolicy', this.responseHeadersPolicyName(stackRegion(TerraformStack.of(this))), 'CORS policy managed by cors-constructs', this.render('cloudfront', renderCloudFrontCors));
    }
    return this.rhp;
  }

  /**
   * Sets `CORS_CONSTRUCTS_POLICY` (the runtime helper's contract) in the function's
   * `environment.variables` to the JSON of the normalized policy, keeping every other variable.
   * A different value already there is a `target-cors-conflict` error.
   */
  public bindToFunction(fn: LambdaFunction): void {
    if (this.functions.includes(fn)) return;
    const value = this.runtimePolicyJson();
    const current = readEnvironmentVariable(fn, RUNTIME_POLICY_ENV);
    if (current.kind === 'unmergeable') {
      this.applyConflicts.push(targetCorsConflict(fn.node.path, undefined, 'environment.variables is a token, so the policy variable cannot be added to it'));
    } else {
      if (current.kind === 'value' && current.value !== value) {
        this.applyConflicts.push(targetCorsConflict(fn.node.path, undefined, `${RUNTIME_POLICY_ENV}=${String(current.value)}`));
      }
      setEnvironmentVariable(fn, RUNTIME_POLICY_ENV, value);
    }
    this.functions.push(fn);
  }

  /** The targets this policy has been applied or rendered for, in catalogue order. */
  public get appliedTargets(): CorsTarget[] {
    return (['rest-api', 'http-api', 'function-url', 's3', 'cloudfront'] as const).filter((t) => this.targets.has(t));
  }

  /** Every diagnostic of the policy for the targets applied so far, plus conflicts and tree findings. */
  public diagnostics(): CorsDiagnostic[] {
    return this.diagnosticsWith(TerraformView.of(this));
  }

  // The aspect and validation passes share one view of the stack per pass (TerraformView.shared).
  private diagnosticsWith(view: TerraformView | undefined): CorsDiagnostic[] {
    return [...this.policyDiagnostics(), ...this.conflicts(view), ...this.treeWarnings(view)];
  }

  /** The core's diagnostics of the policy for the applied targets, computed once per set of targets. */
  private policyDiagnostics(): CorsDiagnostic[] {
    // Without gateway responses in any application (as in the CDK flavour), gateway-response-origin describes nothing.
    const restOptOut = this.restGatewayResponses.length > 0 && this.restGatewayResponses.every((withResponses) => !withResponses);
    const targets = this.appliedTargets;
    const key = `${targets.join(',')}|${restOptOut}`;
    if (this.validated?.key !== key) {
      const diagnostics = validateCorsPolicy(this.props, { targets, restApiGatewayResponses: !restOptOut });
      this.validated = { key, diagnostics };
    }
    return [...this.validated.diagnostics];
  }

  /** One core rendering of the policy per target (the policy is normalized once, at construction). */
  private render<T>(target: CorsTarget, renderer: (policy: NormalizedCorsPolicy) => T): T {
    if (!this.rendered.has(target)) this.rendered.set(target, renderer(this.policy));
    return this.rendered.get(target) as T;
  }

  /**
   * The value of the runtime variable. A list token cannot be embedded in a string (synth fails with
   * "Found an encoded list token string in a scalar string context"), so a policy holding one is
   * encoded by Terraform (`jsonencode`), which also escapes the deployed items. Every other policy
   * is plain JSON (string and number tokens become `${...}` interpolations in it).
   */
  private runtimePolicyJson(): string {
    // Memoized: jsonencode gives a new token each call, and the value is compared at validation.
    if (this.runtimeJson === undefined) {
      const json = JSON.stringify(this.policy);
      this.runtimeJson = LIST_TOKEN.test(json) ? Fn.jsonencode(this.policy) : json;
    }
    return this.runtimeJson;
  }

  // The validation pass reports errors: the policy's own and the conflicts (target-cors-conflict and the
  // list-token error are errors by the catalogue); the behaviour findings are all warnings.
  private errors(): CorsDiagnostic[] {
    const view = TerraformView.shared(this);
    return [...this.policyDiagnostics(), ...this.conflicts(view)].filter((d) => d.severity === 'error');
  }

  // The aspect pass reports warnings: the policy's own and the behaviour findings (conflicts are errors only).
  private emitWarnings(): void {
    for (const d of [...this.policyDiagnostics(), ...this.treeWarnings(TerraformView.shared(this))]) {
      if (d.severity !== 'warning') continue;
      const text = formatForSynth(d);
      if (this.emittedWarnings.has(text)) continue;
      this.emittedWarnings.add(text);
      Annotations.of(this).addWarning(text);
    }
  }

  private recordExisting(resource: AppliedTarget, target: CorsTarget, existing: unknown, wanted: object, block: string): void {
    if (existing !== undefined && !sameConfiguration(existing, wanted)) {
      this.applyConflicts.push(targetCorsConflict(resource.node.path, target, `${block} ${describe(existing)}`));
    }
  }

  private conflicts(view: TerraformView | undefined): CorsDiagnostic[] {
    const found = [...this.applyConflicts];
    for (const api of this.httpApis) {
      const current = currentHttpApiCors(api);
      if (JSON.stringify(current) === this.asApplied.get(api)) continue;
      this.wantedHttpApi ??= canonicalJson(this.toHttpApiCorsConfiguration());
      if (canonicalJson(current) !== this.wantedHttpApi) found.push(targetCorsConflict(api.node.path, 'http-api', `cors_configuration was replaced after applyToHttpApi: ${describe(current)}`));
    }
    for (const url of this.functionUrls) {
      const current = currentFunctionUrlCors(url);
      if (JSON.stringify(current) === this.asApplied.get(url)) continue;
      this.wantedFunctionUrl ??= canonicalJson(this.toFunctionUrlCors());
      if (canonicalJson(current) !== this.wantedFunctionUrl) found.push(targetCorsConflict(url.node.path, 'function-url', `cors was replaced after applyToFunctionUrl: ${describe(current)}`));
    }
    for (const fn of this.functions) {
      const current = readEnvironmentVariable(fn, RUNTIME_POLICY_ENV);
      if (current.kind === 'absent' || (current.kind === 'value' && current.value !== this.runtimePolicyJson())) {
        found.push(targetCorsConflict(fn.node.path, undefined, `environment.variables.${RUNTIME_POLICY_ENV} was ${current.kind === 'absent' ? 'removed' : 'changed'} after bindToFunction`));
      }
    }
    for (const [bucket, ours] of this.buckets) {
      const inline = inlineBucketCorsRules(bucket);
      if (inline !== undefined) found.push(targetCorsConflict(bucket.node.path, 's3', `inline cors_rule ${describe(inline)}`));
      for (const other of view?.referrers<BucketCorsConfigurationInputs>(BUCKET_CORS_RESOURCE_TYPE, 'bucket', (r) => r.bucketInput, bucket) ?? []) {
        if (other === ours) continue;
        // Both rules as inputs (camelCase), or both rendered (snake_case) when overrides apply to either.
        const rendered = view!.isRendered(other) || view!.isRendered(ours);
        const rules = (r: TerraformResource & BucketCorsConfigurationInputs) => (rendered ? view!.render(r)['cors_rule'] : view!.attribute(r, 'cors_rule', r.corsRuleInput));
        if (!sameConfiguration(rules(other), rules(ours))) {
          found.push(targetCorsConflict(bucket.node.path, 's3', `${other.node.path} (${BUCKET_CORS_RESOURCE_TYPE})`));
        }
      }
    }
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
        if (!isMergeableMap(other.construct.responseParametersInput, current)) continue; // warned by treeWarnings
        const { conflicts } = mergeGatewayResponseParameters(current as Record<string, unknown> | undefined, cors!);
        if (conflicts.length > 0) found.push(targetCorsConflict(`${String(other.responseType)} gateway response ${other.construct.node.path}`, 'rest-api', conflicts.join('; ')));
      }
    }
    return found;
  }

  /** Findings that depend on the rest of the stack (wording from core). */
  private treeWarnings(view: TerraformView | undefined): CorsDiagnostic[] {
    if (!view) return [];
    const found: CorsDiagnostic[] = [];
    const boundTo = (value: unknown) => this.functions.some((fn) => view.refersTo(value, fn));
    for (const applied of this.restApis.values()) {
      const integrations = view.resourcesOfType<IntegrationInputs>(REST_API_TYPES.integration)
        .filter((i) => String(view.attribute(i, 'type', i.typeInput)).toUpperCase() === 'AWS_PROXY'
          && view.refersTo(view.attribute(i, 'rest_api_id', i.restApiIdInput), applied.api))
        .map((i): ProxyIntegrationFact => {
          return {
            httpMethod: restMethodName(view, view.attribute(i, 'http_method', i.httpMethodInput)) ?? '<deploy-time method>',
            resourcePath: restResourcePath(view, applied.api, view.attribute(i, 'resource_id', i.resourceIdInput)),
            boundToRuntimeHelper: boundTo(view.attribute(i, 'uri', i.uriInput)),
            source: i.node.path,
          };
        });
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
    if (this.rhp && needsPreflight(this.policy)) {
      const rhp = this.rhp;
      for (const distribution of view.resourcesOfType<DistributionInputs>(DISTRIBUTION_RESOURCE_TYPE)) {
        const name = distribution.node.path;
        // Nested blocks as the provider's inputs (camelCase), or rendered (snake_case) when overrides apply.
        const key = view.isRendered(distribution)
          ? { pathPattern: 'path_pattern', policyId: 'response_headers_policy_id', methods: 'allowed_methods' }
          : { pathPattern: 'pathPattern', policyId: 'responseHeadersPolicyId', methods: 'allowedMethods' };
        const ordered = view.attribute(distribution, 'ordered_cache_behavior', distribution.orderedCacheBehaviorInput);
        const behaviors: Array<[string, unknown]> = [
          [`${name} default behavior`, view.attribute(distribution, 'default_cache_behavior', distribution.defaultCacheBehaviorInput)],
          ...(Array.isArray(ordered) ? ordered : []).map((b): [string, unknown] => [`${name} behavior '${String((b as Record<string, unknown>)?.[key.pathPattern] ?? '')}'`, b]),
        ];
        const facts: CloudFrontBehaviorFact[] = [];
        for (const [label, behavior] of behaviors) {
          if (behavior === null || typeof behavior !== 'object') continue;
          const { [key.policyId]: policyId, [key.methods]: methods } = behavior as Record<string, unknown>;
          // allowed_methods is required by the provider; a deploy-time value cannot be checked.
          if (view.refersTo(policyId, rhp, 'id')) facts.push({ label, allowedMethods: Array.isArray(methods) ? methods.map(String) : undefined });
        }
        found.push(...preflightNotForwarded(this.policy, facts));
      }
    }
    const bound = (this.functions.length > 0 ? this.functionUrls : []).flatMap((url) => {
      const functionName = view.attribute(url, 'function_name', url.functionNameInput);
      return this.functions.filter((f) => view.refersTo(functionName, f)).slice(0, 1).map((fn) => ({ source: fn.node.path }));
    });
    found.push(...duplicateCorsHeaders(bound));
    for (const api of this.httpApis) {
      const routes = view.resourcesOfType<RouteInputs>(ROUTE_RESOURCE_TYPE)
        .filter((route) => view.refersTo(view.attribute(route, 'api_id', route.apiIdInput), api))
        .map((route): HttpRouteFact => {
          const authorizationType = view.attribute(route, 'authorization_type', route.authorizationTypeInput);
          return { routeKey: String(view.attribute(route, 'route_key', route.routeKeyInput)), authorizationType: typeof authorizationType === 'string' ? authorizationType : undefined, source: route.node.path };
        });
      found.push(...preflightNeedsOptionsRoute(routes));
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

  /** Adds the CORS headers to the user's type-specific gateway responses, keeping every parameter they set. */
  private mergeUserGatewayResponses(): void {
    if (this.restApis.size === 0) return;
    const view = TerraformView.shared(this);
    if (!view) return;
    for (const applied of this.restApis.values()) {
      const cors = applied.config.gatewayResponses[0];
      if (!cors) continue;
      for (const { construct: response, responseParameters } of this.userGatewayResponses(view, applied)) {
        const current = response.responseParametersInput;
        if (!isMergeableMap(current, responseParameters)) continue; // reported by treeWarnings
        const merge = mergeGatewayResponseParameters(current, cors);
        if (merge.added.length > 0) {
          response.responseParameters = merge.parameters as Record<string, string>;
          TerraformView.invalidate(this); // the pass's view cached the attributes before the change
        }
      }
    }
  }

  /** `<stack>-<region>-<path below the stack>`: the CDK flavour's name (core's regionalResourceName). */
  private responseHeadersPolicyName(region: string): string {
    const stack = TerraformStack.of(this);
    return regionalResourceName({
      stackName: stack.node.id,
      region,
      regionIsToken: true,
      path: this.node.path.slice(stack.node.path.length).replace(/^\//, ''),
      pathSeed: this.node.path,
    });
  }

}


/** `cors-constructs:<rule> [rule] field (target): message`: the id users acknowledge or grep for. */
function formatForSynth(diagnostic: CorsDiagnostic): string {
  return `${DIAGNOSTIC_PREFIX}:${diagnostic.rule} ${formatDiagnostic(diagnostic)}`;
}

// Order-insensitive comparison of two CORS blocks (Terraform sets; provider-shaped values).
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).map((v) => JSON.stringify(v)).sort();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

// cdktf encodes a list token as a one-element list holding this marker.
const LIST_TOKEN = /#\{TfToken\[/;

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

function canonicalJson(value: unknown): string {
  return JSON.stringify(stableKeys(canonical(value))) ?? 'undefined';
}

// Object keys sorted, as configFingerprint hashes them.
function stableKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stableKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, stableKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}

function sameConfiguration(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

// One `data.aws_region` per stack (of the stack's default provider, as the policies' resources use), shared by
// every CorsPolicy of the stack that names a response headers policy; its `region` reference, once.
const REGION_ID = 'CorsConstructsRegion';
const regions = new WeakMap<TerraformStack, string>();

function stackRegion(stack: TerraformStack): string {
  let region = regions.get(stack);
  if (region === undefined) {
    // Found when another copy of this library created it; any other construct with this id makes the
    // constructor below fail with cdktf's duplicate-id error.
    const existing = stack.node.tryFindChild(REGION_ID) as Partial<DataAwsRegion> | undefined;
    const source = existing?.terraformResourceType === DataAwsRegion.tfResourceType ? (existing as DataAwsRegion) : new DataAwsRegion(stack, REGION_ID, {});
    region = source.region;
    regions.set(stack, region);
  }
  return region;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
