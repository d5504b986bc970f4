import * as s3 from 'aws-cdk-lib/aws-s3';
import type { CorsDiagnostic } from '../../core/internal';
import { describeConfiguration, renderS3CorsRule, targetCorsConflict, type S3CorsRuleConfig } from '../../core/internal';
import { claimTarget, resolveIn, sameConfig, type AdapterContext } from '../internal';

/** The neutral S3 rule as the L1 `AWS::S3::Bucket` `CorsRule`. */
function toCfnRule(rule: S3CorsRuleConfig): s3.CfnBucket.CorsRuleProperty {
  return {
    allowedOrigins: rule.allowedOrigins,
    allowedMethods: rule.allowedMethods,
    ...(rule.allowedHeaders ? { allowedHeaders: rule.allowedHeaders } : {}),
    ...(rule.exposedHeaders ? { exposedHeaders: rule.exposedHeaders } : {}),
    ...(rule.maxAgeSeconds !== undefined ? { maxAge: rule.maxAgeSeconds } : {}),
  };
}

/** The neutral S3 rule as aws-cdk-lib's L2 `CorsRule`. */
function toCorsRule(rule: S3CorsRuleConfig): s3.CorsRule {
  return {
    allowedOrigins: rule.allowedOrigins,
    allowedMethods: rule.allowedMethods as s3.HttpMethods[],
    ...(rule.allowedHeaders ? { allowedHeaders: rule.allowedHeaders } : {}),
    ...(rule.exposedHeaders ? { exposedHeaders: rule.exposedHeaders } : {}),
    ...(rule.maxAgeSeconds !== undefined ? { maxAge: rule.maxAgeSeconds } : {}),
  };
}

/**
 * Applies the policy to a bucket: `addCorsRule` on an L2 `Bucket`, `corsConfiguration` on an L1
 * `CfnBucket`. Any other rule on the bucket, before or after, is a `target-cors-conflict`.
 * @internal
 */
export function applyToBucket(ctx: AdapterContext, bucket: s3.IBucket | s3.CfnBucket): void {
  const rule = renderS3CorsRule(ctx.policy);
  const expected: s3.CfnBucket.CorsConfigurationProperty = { corsRules: [toCfnRule(rule)] };
  const cfn = bucket instanceof s3.CfnBucket ? bucket : bucket.node.defaultChild;
  if (!(cfn instanceof s3.CfnBucket)) {
    throw new Error(`cors-constructs: ${bucket.node.path} is an imported bucket; CORS rules can only be set on a bucket defined in this app (s3.Bucket or s3.CfnBucket).`);
  }
  const label = `Bucket ${bucket.node.path}`;
  if (claimTarget(cfn, ctx, expected, label, 's3') !== 'first') return;
  const existing = resolveIn(cfn, cfn.corsConfiguration) as { corsRules?: unknown[] } | null;
  if (existing === null || (existing.corsRules ?? []).length === 0) {
    if (bucket instanceof s3.Bucket) bucket.addCorsRule(toCorsRule(rule));
    else cfn.corsConfiguration = expected;
  }
  ctx.addCheck(() => checkBucket(cfn, expected, label));
}

function checkBucket(cfn: s3.CfnBucket, expected: s3.CfnBucket.CorsConfigurationProperty, label: string): CorsDiagnostic[] {
  const current = resolveIn(cfn, cfn.corsConfiguration);
  // Both sides resolved in the same stack: a token in the policy compares as its reference.
  return sameConfig(current, resolveIn(cfn, expected)) ? [] : [targetCorsConflict(label, 's3', describeConfiguration(current))];
}

/** The policy as aws-cdk-lib's `CorsRule[]`, for `new Bucket(.., { cors })`. @internal */
export function bucketCorsRules(ctx: AdapterContext): s3.CorsRule[] {
  return [toCorsRule(renderS3CorsRule(ctx.policy))];
}
