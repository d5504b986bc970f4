import type { S3CorsRuleConfig } from '../../core';
import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { Construct } from 'constructs';

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

/** Maps the core's neutral S3 rule onto the provider's `cors_rule` shape. */
export function toBucketCorsRule(config: S3CorsRuleConfig): BucketCorsRule {
  return {
    allowedOrigins: [...config.allowedOrigins],
    allowedMethods: [...config.allowedMethods],
    ...(config.allowedHeaders ? { allowedHeaders: [...config.allowedHeaders] } : {}),
    ...(config.exposedHeaders ? { exposeHeaders: [...config.exposedHeaders] } : {}),
    ...(config.maxAgeSeconds !== undefined ? { maxAgeSeconds: config.maxAgeSeconds } : {}),
  };
}

/** Creates the bucket's `aws_s3_bucket_cors_configuration` holding the single rule. */
export function createBucketCorsConfiguration(scope: Construct, id: string, bucket: S3Bucket, config: S3CorsRuleConfig): S3BucketCorsConfiguration {
  return new S3BucketCorsConfiguration(scope, id, {
    bucket: bucket.id,
    corsRule: [toBucketCorsRule(config)],
  });
}

/** The inline (deprecated) `cors_rule` blocks of an `aws_s3_bucket`, when any are set. */
export function inlineBucketCorsRules(bucket: S3Bucket): unknown {
  const rules = bucket.corsRuleInput;
  return Array.isArray(rules) && rules.length === 0 ? undefined : rules;
}

/** The Terraform type whose other instances on the same bucket conflict with ours. */
export const BUCKET_CORS_RESOURCE_TYPE = S3BucketCorsConfiguration.tfResourceType;
