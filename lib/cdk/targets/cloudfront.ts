import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { CorsDiagnostic } from '../../core/internal';
import { needsPreflight, preflightNotForwarded, regionalResourceName, renderCloudFrontCors, type CloudFrontBehaviorFact } from '../../core/internal';
import type { Construct } from 'constructs';
import { allConstructs, resolveIn, type AdapterContext } from '../internal';

/** Construct id of the response headers policy (child of the CorsPolicy construct). */
export const RESPONSE_HEADERS_POLICY_ID = 'ResponseHeadersPolicy';

/**
 * The policy name: `<stack name>-<region>-<construct path below the stack>`, at most 128 characters,
 * deterministic (core's `regionalResourceName`, shared with the cdktf flavour). Names are unique per
 * account across regions, so the region is part of it (a token in region-agnostic stacks, resolved by
 * CloudFormation); long parts are cut and suffixed with a hash of the full value so they stay unique.
 */
export function responseHeadersPolicyName(scope: Construct): string {
  const stack = Stack.of(scope);
  return regionalResourceName({
    stackName: stack.stackName,
    region: stack.region,
    regionIsToken: Token.isUnresolved(stack.region),
    path: scope.node.path.slice(stack.node.path.length).replace(/^\//, ''),
    pathSeed: scope.node.path,
  });
}

/** Creates the response headers policy of a CorsPolicy. @internal */
export function createResponseHeadersPolicy(ctx: AdapterContext): cloudfront.ResponseHeadersPolicy {
  const rhp = new cloudfront.ResponseHeadersPolicy(ctx.owner, RESPONSE_HEADERS_POLICY_ID, {
    responseHeadersPolicyName: responseHeadersPolicyName(ctx.owner),
    comment: 'CORS headers managed by cors-constructs',
    corsBehavior: responseHeadersCorsBehavior(ctx),
  });
  ctx.addCheck(() => checkDistributions(ctx, rhp));
  return rhp;
}

interface ResolvedBehavior {
  readonly pathPattern?: string;
  readonly allowedMethods?: string[];
  readonly responseHeadersPolicyId?: unknown;
}

function checkDistributions(ctx: AdapterContext, rhp: cloudfront.ResponseHeadersPolicy): CorsDiagnostic[] {
  if (!needsPreflight(ctx.policy)) return [];
  const policyId = JSON.stringify(resolveIn(rhp, rhp.responseHeadersPolicyId));
  const facts: CloudFrontBehaviorFact[] = [];
  for (const distribution of allConstructs(rhp)) {
    if (!(distribution instanceof cloudfront.CfnDistribution) || Stack.of(distribution) !== Stack.of(rhp)) continue;
    const config = resolveIn(distribution, distribution.distributionConfig) as { defaultCacheBehavior?: ResolvedBehavior; cacheBehaviors?: ResolvedBehavior[] } | null;
    // Name the L2 Distribution when the L1 is its default child.
    const parent = distribution.node.scope;
    const name = parent !== undefined && parent.node.defaultChild === distribution ? parent.node.path : distribution.node.path;
    const behaviors: Array<[string, ResolvedBehavior | undefined]> = [
      [`${name} default behavior`, config?.defaultCacheBehavior],
      ...(config?.cacheBehaviors ?? []).map((b): [string, ResolvedBehavior] => [`${name} behavior '${b.pathPattern ?? ''}'`, b]),
    ];
    for (const [label, behavior] of behaviors) {
      if (behavior === undefined || JSON.stringify(behavior.responseHeadersPolicyId) !== policyId) continue;
      // CloudFront's default is GET and HEAD; a deploy-time list is not checked.
      const methods = behavior.allowedMethods ?? ['GET', 'HEAD'];
      facts.push({ label, allowedMethods: Array.isArray(methods) ? methods.map(String) : undefined });
    }
  }
  return preflightNotForwarded(ctx.policy, facts);
}

/** The policy as aws-cdk-lib's `ResponseHeadersCorsBehavior`, for your own ResponseHeadersPolicy. @internal */
export function responseHeadersCorsBehavior(ctx: AdapterContext): cloudfront.ResponseHeadersCorsBehavior {
  const config = renderCloudFrontCors(ctx.policy);
  return {
    accessControlAllowOrigins: config.allowOrigins,
    accessControlAllowMethods: config.allowMethods,
    accessControlAllowHeaders: config.allowHeaders,
    ...(config.exposeHeaders ? { accessControlExposeHeaders: config.exposeHeaders } : {}),
    accessControlAllowCredentials: config.allowCredentials,
    ...(config.maxAgeSeconds !== undefined ? { accessControlMaxAge: Duration.seconds(config.maxAgeSeconds) } : {}),
    originOverride: config.originOverride,
  };
}
