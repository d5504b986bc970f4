import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { CorsDiagnostic } from 'cors-constructs';
import { configFingerprint, needsPreflight, preflightNotForwarded, renderCloudFrontCors } from 'cors-constructs';
import type { Construct } from 'constructs';
import { allConstructs, resolveIn, type AdapterContext } from '../internal';

/** Construct id of the response headers policy (child of the CorsPolicy construct). */
export const RESPONSE_HEADERS_POLICY_ID = 'ResponseHeadersPolicy';

/** CloudFront response headers policy names: at most 128 characters. */
const MAX_NAME_LENGTH = 128;
/** Longest AWS region name kept free in the budget when the region is a deploy-time token (e.g. `ap-southeast-5`). */
const REGION_BUDGET = 16;

function sanitize(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
}

function truncateWithHash(value: string, max: number, seed: string): string {
  if (value.length <= max) return value;
  const hash = configFingerprint(seed).slice(0, 8);
  return `${value.slice(0, max - hash.length - 1)}-${hash}`;
}

/**
 * The policy name: `<stack name>-<region>-<construct path below the stack>`, at most 128 characters,
 * deterministic. Names are unique per account across regions, so the region is part of it (a token
 * in region-agnostic stacks, resolved by CloudFormation); long parts are cut and suffixed with a hash
 * of the full value so they stay unique.
 */
export function responseHeadersPolicyName(scope: Construct): string {
  const stack = Stack.of(scope);
  const region = stack.region;
  const regionLength = Token.isUnresolved(region) ? REGION_BUDGET : region.length;
  const stackPart = truncateWithHash(sanitize(stack.stackName), 48, stack.stackName);
  const relative = scope.node.path.slice(stack.node.path.length).replace(/^\//, '');
  const pathPart = truncateWithHash(sanitize(relative), MAX_NAME_LENGTH - stackPart.length - regionLength - 2, scope.node.path);
  return `${stackPart}-${region}-${pathPart}`;
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
  const diagnostics: CorsDiagnostic[] = [];
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
      // CloudFront's default is GET and HEAD.
      if (!(behavior.allowedMethods ?? ['GET', 'HEAD']).includes('OPTIONS')) diagnostics.push(preflightNotForwarded(label));
    }
  }
  return diagnostics;
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
