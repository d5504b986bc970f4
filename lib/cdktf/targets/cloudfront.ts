import type { CloudFrontCorsConfig } from '../../core';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import type { Construct } from 'constructs';

/** A list of a CloudFront `cors_config`: the provider wraps every list in `{ items }`. */
export interface ResponseHeadersPolicyItems {
  items?: string[];
}

/**
 * The `cors_config` block of an `aws_cloudfront_response_headers_policy`, in the provider's property names.
 * Structurally assignable to `CloudfrontResponseHeadersPolicyCorsConfig` of `@cdktf/provider-aws` and `@cdktn/provider-aws`.
 */
export interface ResponseHeadersPolicyCorsConfig {
  accessControlAllowCredentials: boolean;
  accessControlAllowHeaders: ResponseHeadersPolicyItems;
  accessControlAllowMethods: ResponseHeadersPolicyItems;
  accessControlAllowOrigins: ResponseHeadersPolicyItems;
  accessControlExposeHeaders?: ResponseHeadersPolicyItems;
  accessControlMaxAgeSec?: number;
  originOverride: boolean;
}

/** Maps the core's neutral CloudFront configuration onto the provider's `cors_config` shape. */
export function toResponseHeadersPolicyCorsConfig(config: CloudFrontCorsConfig): ResponseHeadersPolicyCorsConfig {
  return {
    accessControlAllowCredentials: config.allowCredentials,
    accessControlAllowHeaders: { items: [...config.allowHeaders] },
    accessControlAllowMethods: { items: [...config.allowMethods] },
    accessControlAllowOrigins: { items: [...config.allowOrigins] },
    ...(config.exposeHeaders ? { accessControlExposeHeaders: { items: [...config.exposeHeaders] } } : {}),
    ...(config.maxAgeSeconds !== undefined ? { accessControlMaxAgeSec: config.maxAgeSeconds } : {}),
    originOverride: config.originOverride,
  };
}

/** Creates the `aws_cloudfront_response_headers_policy`. */
export function createResponseHeadersPolicy(scope: Construct, id: string, name: string, comment: string, config: CloudFrontCorsConfig): CloudfrontResponseHeadersPolicy {
  return new CloudfrontResponseHeadersPolicy(scope, id, {
    name,
    comment,
    corsConfig: toResponseHeadersPolicyCorsConfig(config),
  });
}

/** Terraform type of the CloudFront distributions that may use the policy. */
export const DISTRIBUTION_RESOURCE_TYPE = 'aws_cloudfront_distribution';
