import { Annotations, Fn, type Duration } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import {
  CorsPolicyLifecycle,
  DiagnosticSink,
  readPropsOnce,
  DIAGNOSTIC_ID_PREFIX,
  RUNTIME_POLICY_ENV,
  diagnosticId,
  formatDiagnostic,
  targetCorsConflict,
  type CorsDiagnostic,
  type CorsPolicyProps,
  type NormalizedCorsPolicy,
} from '../core/internal';
import { Construct } from 'constructs';
import { coordinateValidation, duringValidation, markBound, type AdapterContext } from './internal';
import { createResponseHeadersPolicy, responseHeadersCorsBehavior } from './targets/cloudfront';
import { applyToFunctionUrl, functionUrlCorsOptions } from './targets/function-url';
import { applyToHttpApi, httpApiCorsPreflight } from './targets/http-api';
import { applyToRestApi, restApiCorsOptions, type ApplyToRestApiOptions } from './targets/rest-api';
import { applyToBucket, bucketCorsRules } from './targets/s3';

/** Props of {@link CorsPolicy}: the core policy, with the max age also accepted as a `Duration`. */
export interface CdkCorsPolicyProps extends CorsPolicyProps {
  /**
   * How long browsers may cache a preflight answer, as a `Duration` (whole seconds).
   * Give either this or `maxAgeSeconds`, not both.
   * @default - not sent: browsers cache for 5 seconds
   */
  readonly maxAge?: Duration;
}

// The JSON text of a list token element: `"#{Token[…]}"` (aws-cdk-lib's list encoding).
const LIST_TOKEN_ELEMENT = /"(#\{Token\[[^\]"]+\]\})"/g;

/**
 * The policy as the JSON text of the runtime variable, deploy-time values included. String and
 * number tokens are resolved by CloudFormation inside the string (Fn::Join). A list token cannot be
 * embedded in a string (synth fails with "Found an encoded list token string in a scalar string
 * context"), so each list element becomes its items joined with `","` between the quotes:
 * `["a","b"]` once deployed. No custom resource (which `Stack.toJsonString` would add for a list).
 * Items that contain `"` or `\` break the JSON; no valid origin, method or header name does.
 */
function runtimePolicyJson(policy: NormalizedCorsPolicy): string {
  return JSON.stringify(policy).replace(LIST_TOKEN_ELEMENT, (_match, marker: string) => `"${Fn.join('","', [marker])}"`);
}

/** Prefix of every warning id this library adds: `cors-constructs:<rule>`, e.g. `cors-constructs:proxy-responses-uncovered`. */
export const WARNING_ID_PREFIX = `${DIAGNOSTIC_ID_PREFIX}:`;

/**
 * One CORS policy, validated at synth time and applied to any number of API Gateway REST and HTTP
 * APIs, Lambda function URLs, S3 buckets and CloudFront distributions (through its response headers policy).
 *
 * Errors (the policy's own and each applied target's limits, conflicts with existing CORS
 * configurations) fail `app.synth()` all at once, one line per error with the construct path and the
 * rule id. Warnings are annotations with the id `cors-constructs:<rule>`, which
 * `Annotations.of(scope).acknowledgeWarning(id)` acknowledges.
 *
 * @example
 * const cors = new CorsPolicy(this, 'Cors', {
 *   allowOrigins: ['https://app.example.com'],
 *   allowMethods: ['GET', 'POST'],
 *   allowHeaders: ['content-type', 'authorization'],
 *   allowCredentials: true,
 * });
 * cors.applyToRestApi(api);
 */
export class CorsPolicy extends Construct {
  /** The policy in canonical form (defaults applied, origins canonical, header names lowercase). */
  public readonly policy: NormalizedCorsPolicy;

  private readonly propsDiagnostics: CorsDiagnostic[] = [];
  private readonly lifecycle: CorsPolicyLifecycle;
  private readonly checks: Array<() => CorsDiagnostic[]> = [];
  private readonly context: AdapterContext;
  private rhp?: cloudfront.ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: CdkCorsPolicyProps) {
    super(scope, id);
    // Read once, as the core reads props: a getter or Proxy that throws is a diagnostic, never a crash here.
    const sink = new DiagnosticSink();
    const read = readPropsOnce(props, sink);
    const { maxAge, ...rest } = read.record as unknown as CdkCorsPolicyProps;
    let maxAgeSeconds = rest.maxAgeSeconds;
    if (maxAge !== undefined) {
      if (rest.maxAgeSeconds !== undefined) {
        this.propsDiagnostics.push({ rule: 'policy-invalid', severity: 'error', field: 'maxAgeSeconds', message: 'Both maxAge and maxAgeSeconds are set: give the preflight cache lifetime once, either maxAge: Duration.seconds(n) or maxAgeSeconds: n.' });
      } else {
        maxAgeSeconds = maxAge.toSeconds({ integral: false });
      }
    }
    // A non-object stays as given, so the core names what it was.
    const policyProps = read.isObject ? { ...rest, ...(maxAgeSeconds !== undefined ? { maxAgeSeconds } : {}) } : (props as CorsPolicyProps);
    this.lifecycle = new CorsPolicyLifecycle(policyProps, sink.diagnostics);
    this.policy = this.lifecycle.policy;
    this.context = { owner: this, policy: this.policy, addCheck: (check) => this.checks.push(check) };
    coordinateValidation(this);
    this.node.addValidation({ validate: () => duringValidation(() => this.validatePolicy()) });
  }

  /**
   * Answers preflights on every resource of a REST API (including resources added after this call)
   * with a MOCK `OPTIONS` method (204, no authorizer, no API key), and adds the CORS headers to
   * API Gateway's error responses. Responses of Lambda proxy integrations are not covered: bind the
   * runtime helper with {@link bindToFunction}.
   *
   * Creates `<resource>/CorsPreflight` on every resource and `<api>/CorsGatewayResponse4XX`,
   * `<api>/CorsGatewayResponse5XX` (unless `{ gatewayResponses: false }` or the API defines those
   * types itself, which then get the headers added).
   */
  public applyToRestApi(api: apigateway.RestApiBase, options: ApplyToRestApiOptions = {}): void {
    this.lifecycle.useRestApi(options.gatewayResponses !== false);
    applyToRestApi(this.context, api, options);
  }

  /** Sets the HTTP API's CORS configuration (API Gateway answers preflights and adds the headers). */
  public applyToHttpApi(httpApi: apigwv2.HttpApi): void {
    this.lifecycle.useTarget('http-api');
    applyToHttpApi(this.context, httpApi);
  }

  /** Sets the function URL's CORS configuration (the URL service answers preflights and adds the headers). */
  public applyToFunctionUrl(functionUrl: lambda.FunctionUrl | lambda.CfnUrl): void {
    this.lifecycle.useTarget('function-url');
    applyToFunctionUrl(this.context, functionUrl);
  }

  /**
   * Sets the bucket's CORS rule: `addCorsRule` on an L2 `s3.Bucket`, `corsConfiguration` on an
   * `s3.CfnBucket`. Imported buckets cannot be changed and throw.
   */
  public applyToBucket(bucket: s3.IBucket | s3.CfnBucket): void {
    this.lifecycle.useTarget('s3');
    applyToBucket(this.context, bucket);
  }

  /**
   * The CloudFront response headers policy holding this CORS policy (`originOverride: true`), created
   * on first access as `<this>/ResponseHeadersPolicy`. Use it in distribution behaviors; share it
   * (accounts have a quota of 20 response headers policies).
   */
  public get responseHeadersPolicy(): cloudfront.IResponseHeadersPolicy {
    this.lifecycle.useTarget('cloudfront');
    this.rhp ??= createResponseHeadersPolicy(this.context);
    return this.rhp;
  }

  /**
   * Sets the environment variable `CORS_CONSTRUCTS_POLICY` of the function to the normalized policy,
   * for the runtime helper (`cors-constructs/runtime`) to add CORS headers to Lambda proxy responses.
   * Bound functions are no longer reported by `proxy-responses-uncovered`.
   */
  public bindToFunction(fn: lambda.Function): void {
    // The identity of the bound policy (token markers compare as written, never resolved here).
    const json = JSON.stringify(this.policy);
    const previous = markBound(fn, this, json);
    if (previous !== undefined && previous.json !== json) {
      this.checks.push(() => [targetCorsConflict(`Function ${fn.node.path}`, undefined, `the runtime helper is bound to the CorsPolicy ${previous.owner.node.path}`)]);
      return;
    }
    fn.addEnvironment(RUNTIME_POLICY_ENV, runtimePolicyJson(this.policy));
  }

  /**
   * The policy as aws-cdk-lib's `CorsOptions`, for `defaultCorsPreflightOptions` or `addCorsPreflight`.
   * Prefer {@link applyToRestApi}: aws-cdk-lib's preflight compares origins exactly, sends `*` headers
   * literally and drops a max age of 0.
   * @throws CorsPolicyError (`origin-pattern-unsupported`, `header-wildcard-with-credentials`) when aws-cdk-lib cannot express the policy
   */
  public toRestApiCorsOptions(): apigateway.CorsOptions {
    this.lifecycle.useTarget('rest-api');
    return restApiCorsOptions(this.context);
  }

  /** The policy as aws-cdk-lib's `CorsPreflightOptions`, for `new HttpApi(.., { corsPreflight })`. */
  public toHttpApiCorsPreflight(): apigwv2.CorsPreflightOptions {
    this.lifecycle.useTarget('http-api');
    return httpApiCorsPreflight(this.context);
  }

  /** The policy as aws-cdk-lib's `FunctionUrlCorsOptions`, for `fn.addFunctionUrl({ cors })`. */
  public toFunctionUrlCors(): lambda.FunctionUrlCorsOptions {
    this.lifecycle.useTarget('function-url');
    return functionUrlCorsOptions(this.context);
  }

  /** The policy as aws-cdk-lib's `CorsRule[]` (one rule), for `new Bucket(.., { cors })`. */
  public toBucketCorsRules(): s3.CorsRule[] {
    this.lifecycle.useTarget('s3');
    return bucketCorsRules(this.context);
  }

  /** The policy as aws-cdk-lib's `ResponseHeadersCorsBehavior`, for your own `ResponseHeadersPolicy`. */
  public toResponseHeadersPolicyCors(): cloudfront.ResponseHeadersCorsBehavior {
    this.lifecycle.useTarget('cloudfront');
    return responseHeadersCorsBehavior(this.context);
  }

  /** Every finding for the policy and the targets it was applied to, computed now. */
  public diagnostics(): CorsDiagnostic[] {
    return [...this.propsDiagnostics, ...this.lifecycle.policyDiagnostics(), ...this.checks.flatMap((check) => check())];
  }

  private validatePolicy(): string[] {
    const diagnostics = this.diagnostics();
    for (const warning of this.lifecycle.newWarnings(diagnostics)) {
      Annotations.of(this).addWarningV2(diagnosticId(warning), formatDiagnostic(warning));
    }
    return diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  }
}
