import {
  CorsPolicyLifecycle,
  DIAGNOSTIC_ID_PREFIX,
  formatSynthMessage,
  type CorsDiagnostic,
  type CorsPolicyProps,
  type CorsTarget,
  type NormalizedCorsPolicy,
} from '../core/internal';
import { Annotations, Aspects } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import type { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import type { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import type { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import type { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import type { TargetContext } from './context';
import { CloudFrontTarget, type ResponseHeadersPolicyCorsConfig } from './targets/cloudfront';
import { FunctionUrlTarget, type FunctionUrlCors } from './targets/function-url';
import { HttpApiTarget, type HttpApiCorsConfiguration } from './targets/http-api';
import { LambdaFunctionBindings } from './targets/lambda-function';
import { RestApiTarget, type RestApiCors, type RestApiCorsOptions } from './targets/rest-api';
import { BucketTarget, type BucketCorsRule } from './targets/s3';
import { TerraformView } from './view';

/** Prefix of every message this construct reports, followed by `:` and the rule id (core's one prefix). */
export const DIAGNOSTIC_PREFIX = DIAGNOSTIC_ID_PREFIX;

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
  /** The policy as written, copied once at construction (frozen): later changes to your object do not reach it. */
  public readonly props: CorsPolicyProps;
  /** The policy in canonical form (what every target renders). */
  public readonly policy: NormalizedCorsPolicy;

  private readonly lifecycle: CorsPolicyLifecycle;
  // Conflicts found while applying, in application order (reported at validation).
  private readonly applyConflicts: CorsDiagnostic[] = [];
  private readonly functions: LambdaFunctionBindings;
  private readonly restApi: RestApiTarget;
  private readonly httpApi: HttpApiTarget;
  private readonly functionUrl: FunctionUrlTarget;
  private readonly bucket: BucketTarget;
  private readonly cloudFront: CloudFrontTarget;

  constructor(scope: Construct, id: string, props: CorsPolicyProps) {
    super(scope, id);
    this.lifecycle = new CorsPolicyLifecycle(props);
    this.props = this.lifecycle.props;
    this.policy = this.lifecycle.policy;
    // The core's renderings of the policy, once per target (the policy is normalized once, at construction).
    const rendered = new Map<CorsTarget, unknown>();
    const context: TargetContext = {
      owner: this,
      policy: this.policy,
      render: <T>(target: CorsTarget, renderer: (policy: NormalizedCorsPolicy) => T): T => {
        if (!rendered.has(target)) rendered.set(target, renderer(this.policy));
        return rendered.get(target) as T;
      },
      addConflict: (diagnostic) => this.applyConflicts.push(diagnostic),
    };
    this.functions = new LambdaFunctionBindings(context);
    this.restApi = new RestApiTarget(context, this.functions);
    this.httpApi = new HttpApiTarget(context);
    this.functionUrl = new FunctionUrlTarget(context, this.functions);
    this.bucket = new BucketTarget(context);
    this.cloudFront = new CloudFrontTarget(context);
    TerraformView.coordinate(this);
    this.node.addValidation({
      validate: () => {
        try {
          return this.errors().map(formatSynthMessage);
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
        this.restApi.mergeUserGatewayResponses();
        this.emitWarnings();
        TerraformView.endVisit(this);
      },
    });
  }

  /** The policy as `cors_rule` entries of an `aws_s3_bucket_cors_configuration` (also validates the policy for S3). */
  public toBucketCorsRules(): BucketCorsRule[] {
    this.lifecycle.useTarget('s3');
    return [this.bucket.rule()];
  }

  /** The policy as the `cors_configuration` of an `aws_apigatewayv2_api` (also validates the policy for HTTP APIs). */
  public toHttpApiCorsConfiguration(): HttpApiCorsConfiguration {
    this.lifecycle.useTarget('http-api');
    return this.httpApi.configuration();
  }

  /** The policy as the `cors` block of an `aws_lambda_function_url` (also validates the policy for function URLs). */
  public toFunctionUrlCors(): FunctionUrlCors {
    this.lifecycle.useTarget('function-url');
    return this.functionUrl.configuration();
  }

  /** The policy as the `cors_config` of an `aws_cloudfront_response_headers_policy` (also validates the policy for CloudFront). */
  public toResponseHeadersPolicyCorsConfig(): ResponseHeadersPolicyCorsConfig {
    this.lifecycle.useTarget('cloudfront');
    return this.cloudFront.corsConfig();
  }

  /**
   * Creates the bucket's `aws_s3_bucket_cors_configuration`. Applying twice returns the same resource;
   * another CORS configuration on the bucket is a `target-cors-conflict` error.
   */
  public applyToBucket(bucket: S3Bucket): S3BucketCorsConfiguration {
    this.lifecycle.useTarget('s3');
    return this.bucket.apply(bucket);
  }

  /** Sets the HTTP API's `cors_configuration`; a different existing one is a `target-cors-conflict` error. */
  public applyToHttpApi(api: Apigatewayv2Api): void {
    this.lifecycle.useTarget('http-api');
    this.httpApi.apply(api);
  }

  /** Sets the function URL's `cors`; a different existing one is a `target-cors-conflict` error. */
  public applyToFunctionUrl(url: LambdaFunctionUrl): void {
    this.lifecycle.useTarget('function-url');
    this.functionUrl.apply(url);
  }

  /**
   * Answers preflights on the API's root (unless `includeRoot: false`) and on each given resource with a
   * MOCK OPTIONS method (204, no authorizer, no API key), and adds the CORS headers to the DEFAULT_4XX and
   * DEFAULT_5XX gateway responses (unless `gatewayResponses: false`). Put the returned `triggerValue` in the
   * `triggers` of the API's `aws_api_gateway_deployment`. Applying again to the same API covers the
   * resources not covered yet and returns the same object.
   */
  public applyToRestApi(api: ApiGatewayRestApi, options: RestApiCorsOptions): RestApiCors {
    this.lifecycle.useRestApi(options?.gatewayResponses !== false);
    return this.restApi.apply(api, options);
  }

  /**
   * The `aws_cloudfront_response_headers_policy` of this policy, created on first access (one per
   * CorsPolicy: accounts have a quota of 20). Its name is `<stack>-<region>-<construct path below the
   * stack>` as in the CDK flavour: deterministic, at most 128 characters, cut with a hash suffix when
   * longer (names are unique per account across regions).
   */
  public get responseHeadersPolicy(): CloudfrontResponseHeadersPolicy {
    this.lifecycle.useTarget('cloudfront');
    return this.cloudFront.responseHeadersPolicy();
  }

  /**
   * Sets `CORS_CONSTRUCTS_POLICY` (the runtime helper's contract) in the function's
   * `environment.variables` to the JSON of the normalized policy, keeping every other variable.
   * A different value already there is a `target-cors-conflict` error.
   */
  public bindToFunction(fn: LambdaFunction): void {
    this.functions.bind(fn);
  }

  /** The targets this policy has been applied or rendered for, in catalogue order. */
  public get appliedTargets(): CorsTarget[] {
    return this.lifecycle.appliedTargets;
  }

  /** Every diagnostic of the policy for the targets applied so far, plus conflicts and tree findings. */
  public diagnostics(): CorsDiagnostic[] {
    const view = TerraformView.of(this);
    return [...this.lifecycle.policyDiagnostics(), ...this.conflicts(view), ...this.treeWarnings(view)];
  }

  // The validation pass reports errors: the policy's own and the conflicts (target-cors-conflict and the
  // list-token error are errors by the catalogue); the behaviour findings are all warnings.
  private errors(): CorsDiagnostic[] {
    const view = TerraformView.shared(this);
    return [...this.lifecycle.policyDiagnostics(), ...this.conflicts(view)].filter((d) => d.severity === 'error');
  }

  // The aspect pass reports warnings: the policy's own and the behaviour findings (conflicts are errors only).
  private emitWarnings(): void {
    for (const d of this.lifecycle.newWarnings([...this.lifecycle.policyDiagnostics(), ...this.treeWarnings(TerraformView.shared(this))])) {
      Annotations.of(this).addWarning(formatSynthMessage(d));
    }
  }

  // The aspect and validation passes share one view of the stack per pass (TerraformView.shared).
  private conflicts(view: TerraformView | undefined): CorsDiagnostic[] {
    return [
      ...this.applyConflicts,
      ...this.httpApi.conflicts(),
      ...this.functionUrl.conflicts(),
      ...this.functions.conflicts(),
      ...this.bucket.conflicts(view),
      ...this.restApi.conflicts(view),
    ];
  }

  /** Findings that depend on the rest of the stack (wording from core, facts from each target). */
  private treeWarnings(view: TerraformView | undefined): CorsDiagnostic[] {
    if (!view) return [];
    return [
      ...this.restApi.warnings(view),
      ...this.cloudFront.warnings(view),
      ...this.functionUrl.warnings(view),
      ...this.httpApi.warnings(view),
    ];
  }
}
