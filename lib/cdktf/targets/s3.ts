import { describeConfiguration, renderS3CorsRule, sameConfiguration, targetCorsConflict, type CorsDiagnostic, type S3CorsRuleConfig } from '../../core/internal';
import type { TerraformResource } from 'cdktf';
import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { Construct } from 'constructs';
import type { TargetContext } from '../context';
import type { TerraformView } from '../view';

/**
 * One rule of an `aws_s3_bucket_cors_configuration` `cors_rule` block, in the provider's property names.
 * Structurally assignable to `S3BucketCorsConfigurationCorsRule` (and `S3BucketCorsRule`) of
 * `@cdktf/provider-aws` and `@cdktn/provider-aws`, without depending on either type.
 */
export interface BucketCorsRule {
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders?: string[];
  exposeHeaders?: string[];
  maxAgeSeconds?: number;
}

// Maps the core's neutral S3 rule onto the provider's `cors_rule` shape.
function toBucketCorsRule(config: S3CorsRuleConfig): BucketCorsRule {
  return {
    allowedOrigins: [...config.allowedOrigins],
    allowedMethods: [...config.allowedMethods],
    ...(config.allowedHeaders ? { allowedHeaders: [...config.allowedHeaders] } : {}),
    ...(config.exposedHeaders ? { exposeHeaders: [...config.exposedHeaders] } : {}),
    ...(config.maxAgeSeconds !== undefined ? { maxAgeSeconds: config.maxAgeSeconds } : {}),
  };
}

/** Creates the bucket's `aws_s3_bucket_cors_configuration` holding the single rule. */
function createBucketCorsConfiguration(scope: Construct, id: string, bucket: S3Bucket, config: S3CorsRuleConfig): S3BucketCorsConfiguration {
  return new S3BucketCorsConfiguration(scope, id, {
    bucket: bucket.id,
    corsRule: [toBucketCorsRule(config)],
  });
}

/** The inline (deprecated) `cors_rule` blocks of an `aws_s3_bucket`, when any are set. */
function inlineBucketCorsRules(bucket: S3Bucket): unknown {
  const rules = bucket.corsRuleInput;
  return Array.isArray(rules) && rules.length === 0 ? undefined : rules;
}

// The Terraform type whose other instances on the same bucket conflict with ours.
const BUCKET_CORS_RESOURCE_TYPE = S3BucketCorsConfiguration.tfResourceType;

// The attributes the checks read, as the `*Input` getters of the provider class (found by Terraform type).
interface BucketCorsConfigurationInputs { readonly bucketInput?: unknown; readonly corsRuleInput?: unknown }

/** The policy on S3 buckets: one `aws_s3_bucket_cors_configuration` per bucket, and its conflicts. @internal */
export class BucketTarget {
  private readonly buckets = new Map<S3Bucket, S3BucketCorsConfiguration>();

  constructor(private readonly ctx: TargetContext) {}

  /** The policy as the one `cors_rule` entry (the core's rendering, once per policy). */
  public rule(): BucketCorsRule {
    return toBucketCorsRule(this.ctx.render('s3', renderS3CorsRule));
  }

  /** Creates the bucket's configuration, once per bucket. */
  public apply(bucket: S3Bucket): S3BucketCorsConfiguration {
    const existing = this.buckets.get(bucket);
    if (existing) return existing;
    const configuration = createBucketCorsConfiguration(this.ctx.owner, `Bucket-${bucket.friendlyUniqueId}`, bucket, this.ctx.render('s3', renderS3CorsRule));
    this.buckets.set(bucket, configuration);
    return configuration;
  }

  /** Inline `cors_rule` blocks on a bucket, and another CORS configuration of the bucket with other rules. */
  public conflicts(view: TerraformView | undefined): CorsDiagnostic[] {
    const found: CorsDiagnostic[] = [];
    for (const [bucket, ours] of this.buckets) {
      const inline = inlineBucketCorsRules(bucket);
      if (inline !== undefined) found.push(targetCorsConflict(bucket.node.path, 's3', `inline cors_rule ${describeConfiguration(inline)}`));
      for (const other of view?.referrers<BucketCorsConfigurationInputs>(BUCKET_CORS_RESOURCE_TYPE, 'bucket', (r) => r.bucketInput, bucket) ?? []) {
        if (other === ours) continue;
        // Both rules as inputs (camelCase), or both rendered (snake_case) when overrides apply to either.
        const rendered = view!.isRendered(other) || view!.isRendered(ours);
        const rules = (r: TerraformResource & BucketCorsConfigurationInputs) => (rendered ? view!.render(r)['cors_rule'] : view!.attribute(r, 'cors_rule', r.corsRuleInput));
        // cors_rule is a Terraform set: the order of its blocks and of their lists is not kept.
        if (!sameConfiguration(rules(other), rules(ours), { unorderedLists: true })) {
          found.push(targetCorsConflict(bucket.node.path, 's3', `${other.node.path} (${BUCKET_CORS_RESOURCE_TYPE})`));
        }
      }
    }
    return found;
  }
}
