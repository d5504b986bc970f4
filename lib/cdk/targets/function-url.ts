import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { CorsDiagnostic } from '../../core/internal';
import { describeConfiguration, duplicateCorsHeaders, renderFunctionUrlCors, targetCorsConflict, toServiceCorsBlockConfig } from '../../core/internal';
import { allConstructs, claimTarget, isBound, resolveIn, sameConfig, type AdapterContext } from '../internal';

/** Applies the policy to a function URL through its L1 `CfnUrl.cors`. @internal */
export function applyToFunctionUrl(ctx: AdapterContext, functionUrl: lambda.FunctionUrl | lambda.CfnUrl): void {
  const cors: lambda.CfnUrl.CorsProperty = toServiceCorsBlockConfig(renderFunctionUrlCors(ctx.policy));
  const cfn = functionUrl instanceof lambda.CfnUrl ? functionUrl : (functionUrl.node.defaultChild as lambda.CfnUrl);
  const label = `Function URL ${functionUrl.node.path}`;
  if (claimTarget(cfn, ctx, cors, label, 'function-url') !== 'first') return;
  if (resolveIn(cfn, cfn.cors) === null) cfn.cors = cors;
  ctx.addCheck(() => checkFunctionUrl(cfn, cors, label));
}

function checkFunctionUrl(cfn: lambda.CfnUrl, cors: lambda.CfnUrl.CorsProperty, label: string): CorsDiagnostic[] {
  const diagnostics: CorsDiagnostic[] = [];
  const current = resolveIn(cfn, cfn.cors);
  // Both sides resolved in the same stack: a token in the policy compares as its reference.
  if (!sameConfig(current, resolveIn(cfn, cors))) diagnostics.push(targetCorsConflict(label, 'function-url', describeConfiguration(current)));
  const target = JSON.stringify(resolveIn(cfn, cfn.targetFunctionArn));
  const bound = allConstructs(cfn).filter(isBound).filter((fn) => JSON.stringify(resolveIn(cfn, (fn as lambda.Function).functionArn)) === target);
  diagnostics.push(...duplicateCorsHeaders(bound.map((fn) => ({ source: fn.node.path }))));
  return diagnostics;
}

/** The policy as aws-cdk-lib's `FunctionUrlCorsOptions`, for `fn.addFunctionUrl({ cors })`. @internal */
export function functionUrlCorsOptions(ctx: AdapterContext): lambda.FunctionUrlCorsOptions {
  const config = renderFunctionUrlCors(ctx.policy);
  return {
    allowedOrigins: config.allowOrigins,
    allowedMethods: config.allowMethods as lambda.HttpMethod[],
    ...(config.allowHeaders ? { allowedHeaders: config.allowHeaders } : {}),
    ...(config.exposeHeaders ? { exposedHeaders: config.exposeHeaders } : {}),
    allowCredentials: config.allowCredentials,
    ...(config.maxAgeSeconds !== undefined ? { maxAge: Duration.seconds(config.maxAgeSeconds) } : {}),
  };
}
