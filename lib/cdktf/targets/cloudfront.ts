import { needsPreflight, preflightNotForwarded, regionalResourceName, renderCloudFrontCors, type CloudFrontBehaviorFact, type CloudFrontCorsConfig, type CorsDiagnostic } from '../../core/internal';
import { TerraformStack } from 'cdktf';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import type { Construct } from 'constructs';
import type { TargetContext } from '../context';
import type { TerraformView } from '../view';

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
function createResponseHeadersPolicy(scope: Construct, id: string, name: string, comment: string, config: CloudFrontCorsConfig): CloudfrontResponseHeadersPolicy {
  return new CloudfrontResponseHeadersPolicy(scope, id, {
    name,
    comment,
    corsConfig: toResponseHeadersPolicyCorsConfig(config),
  });
}

// Terraform type of the CloudFront distributions that may use the policy.
const DISTRIBUTION_RESOURCE_TYPE = 'aws_cloudfront_distribution';

// The attributes the checks read, as the `*Input` getters of the provider class (found by Terraform type).
interface DistributionInputs { readonly defaultCacheBehaviorInput?: unknown; readonly orderedCacheBehaviorInput?: unknown }

/** The policy on CloudFront: its one response headers policy, and the facts of the distributions using it. @internal */
export class CloudFrontTarget {
  private policy?: CloudfrontResponseHeadersPolicy;

  constructor(private readonly ctx: TargetContext) {}

  /** The policy as a `cors_config` (the core's rendering, once per policy). */
  public corsConfig(): ResponseHeadersPolicyCorsConfig {
    return toResponseHeadersPolicyCorsConfig(this.ctx.render('cloudfront', renderCloudFrontCors));
  }

  /** The response headers policy, created on first access (one per CorsPolicy: accounts have a quota of 20). */
  public responseHeadersPolicy(): CloudfrontResponseHeadersPolicy {
    this.policy ??= createResponseHeadersPolicy(this.ctx.owner, 'ResponseHeadersPolicy', this.policyName(stackRegion(TerraformStack.of(this.ctx.owner))), 'CORS policy managed by cors-constructs', this.ctx.render('cloudfront', renderCloudFrontCors));
    return this.policy;
  }

  /** `preflight-not-forwarded` for the behaviors of each distribution that use the response headers policy. */
  public warnings(view: TerraformView): CorsDiagnostic[] {
    const rhp = this.policy;
    if (!rhp || !needsPreflight(this.ctx.policy)) return [];
    const found: CorsDiagnostic[] = [];
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
      found.push(...preflightNotForwarded(this.ctx.policy, facts));
    }
    return found;
  }

  /** `<stack>-<region>-<path below the stack>`: the CDK flavour's name (core's regionalResourceName). */
  private policyName(region: string): string {
    const { owner } = this.ctx;
    const stack = TerraformStack.of(owner);
    return regionalResourceName({
      stackName: stack.node.id,
      region,
      regionIsToken: true,
      path: owner.node.path.slice(stack.node.path.length).replace(/^\//, ''),
      pathSeed: owner.node.path,
    });
  }
}

// One `data.aws_region` per stack (of the stack's default provider, as the policies' resources use), shared by
// every CorsPolicy of the stack that names a response headers policy; its `region` reference, once.
const REGION_ID = 'CorsConstructsRegion';
const regions = new WeakMap<TerraformStack, string>();

function stackRegion(stack: TerraformStack): string {
  let region = regions.get(stack);
  if (region === undefined) {
    // Found when another copy of this library created it; any other construct with this id makes the
    // constructor below fail with the framework's duplicate-id error.
    const existing = stack.node.tryFindChild(REGION_ID) as Partial<DataAwsRegion> | undefined;
    const source = existing?.terraformResourceType === DataAwsRegion.tfResourceType ? (existing as DataAwsRegion) : new DataAwsRegion(stack, REGION_ID, {});
    region = source.region;
    regions.set(stack, region);
  }
  return region;
}
