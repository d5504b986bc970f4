import type { CorsTarget } from '../props';
import type { CloudFrontSimulationConfig, RestApiSimulationConfig } from '../simulate/types';
import type { FunctionUrlCorsConfig } from '../targets/function-url';
import type { HttpApiCorsConfig } from '../targets/http-api';
import type { S3CorsRuleConfig } from '../targets/s3';

/** The neutral configuration an extractor reads for each target. */
export interface ExtractedConfigs {
  /** Every rule of the bucket, in order (S3 uses the first that matches). */
  readonly 's3': readonly S3CorsRuleConfig[];
  /** The API's `CorsConfiguration`. */
  readonly 'http-api': HttpApiCorsConfig;
  /** The URL's `Cors`. */
  readonly 'function-url': FunctionUrlCorsConfig;
  /** The policy's `CorsConfig`. */
  readonly 'cloudfront': CloudFrontSimulationConfig;
  /** One OPTIONS method and the API's gateway responses. */
  readonly 'rest-api': RestApiSimulationConfig;
}

/** A value known only at deploy time, kept as an opaque string. */
export interface UnresolvedValue {
  /** Where in the neutral config, e.g. `allowOrigins[0]` or `allowCredentials`. */
  readonly field: string;
  /** The opaque text: an intrinsic's JSON (`{"Ref":"Domain"}`) or a Terraform expression (`${var.origin}`). */
  readonly value: string;
  /** Where the value is in the template. CloudFormation templates only. */
  readonly location?: SourceLocation;
}

/** Where a value is in a synthesized template: the resource that holds it and the path inside it. */
export interface SourceLocation {
  /** The CloudFormation logical id of the resource holding the value. */
  readonly resourceId: string;
  /**
   * The property path inside that resource, as aws-cdk-lib's validation report writes it:
   * `Properties.CorsConfiguration.CorsRules[0].AllowedOrigins[1]`; keys that are not plain names are
   * quoted, `Properties.Integration.IntegrationResponses[0].ResponseParameters["method.response.header.Access-Control-Allow-Origin"]`.
   */
  readonly path: string;
}

/** Where a configuration was found. */
export type ExtractionSource = 'cloudformation' | 'terraform';

/** One CORS-bearing resource found in synthesized output, with its neutral configuration. */
export type ExtractedCors<T extends CorsTarget = CorsTarget> = {
  readonly [K in T]: {
    /** The target the resource configures. */
    readonly target: K;
    /** The CloudFormation logical id, or the Terraform address (`aws_s3_bucket_cors_configuration.site`). */
    readonly resourceId: string;
    /** The CloudFormation resource type or Terraform resource type. */
    readonly resourceType: string;
    /** The construct path, when the output records it (CDK `aws:cdk:path`, cdktf `//.metadata.path`). */
    readonly constructPath?: string;
    /** The file it came from, when known. */
    readonly file?: string;
    /** CloudFormation or Terraform. */
    readonly source: ExtractionSource;
    /** The neutral configuration. */
    readonly config: ExtractedConfigs[K];
    /** Values that are only known at deploy time. */
    readonly unresolved: readonly UnresolvedValue[];
    /** What the extractor could not read or had to assume. */
    readonly notes: readonly string[];
    /**
     * Where each value was read from, by the field names of `config` (`allowOrigins`,
     * `allowOrigins[0]`, `rules[1].allowedMethods`, `preflight.staticHeaders.<header>`, ...) and `$`
     * for the whole CORS configuration. CloudFormation templates only.
     */
    readonly locations?: Readonly<Record<string, SourceLocation>>;
  };
}[T];

/** Options of the extractors. */
export interface ExtractOptions {
  /** The file name, recorded on every extracted item. */
  readonly file?: string;
  /**
   * Construct paths by CloudFormation logical id, for templates without `aws:cdk:path` metadata
   * (`Template.fromStack` omits it); the testing helpers read them from the construct tree.
   */
  readonly constructPaths?: Readonly<Record<string, string>>;
}
