import { Duration, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type { CorsDiagnostic } from '../../core/internal';
import { describeConfiguration, preflightNeedsOptionsRoute, renderHttpApiCors, targetCorsConflict, toServiceCorsBlockConfig, type HttpRouteFact } from '../../core/internal';
import { allConstructs, claimTarget, resolveIn, sameConfig, type AdapterContext } from '../internal';

/**
 * Applies the policy to an HTTP API through its L1 `CfnApi.corsConfiguration` (the L2 `corsPreflight`
 * only exists at construction). An identical existing configuration is left alone.
 * @internal
 */
export function applyToHttpApi(ctx: AdapterContext, httpApi: apigwv2.HttpApi): void {
  const cors: apigwv2.CfnApi.CorsProperty = toServiceCorsBlockConfig(renderHttpApiCors(ctx.policy));
  const cfn = httpApi.node.defaultChild as apigwv2.CfnApi;
  const label = `HTTP API ${httpApi.node.path}`;
  if (claimTarget(httpApi, ctx, cors, label, 'http-api') !== 'first') return;
  const existing = resolveIn(cfn, cfn.corsConfiguration);
  if (existing === null) cfn.corsConfiguration = cors;
  ctx.addCheck(() => checkHttpApi(httpApi, cfn, cors, label));
}

function checkHttpApi(httpApi: apigwv2.HttpApi, cfn: apigwv2.CfnApi, cors: apigwv2.CfnApi.CorsProperty, label: string): CorsDiagnostic[] {
  const diagnostics: CorsDiagnostic[] = [];
  const current = resolveIn(cfn, cfn.corsConfiguration);
  // Both sides resolved in the same stack: a token in the policy compares as its reference.
  if (!sameConfig(current, resolveIn(cfn, cors))) diagnostics.push(targetCorsConflict(label, 'http-api', describeConfiguration(current)));

  const apiId = JSON.stringify(resolveIn(httpApi, httpApi.apiId));
  const routes = allConstructs(httpApi)
    .filter((c): c is apigwv2.CfnRoute => c instanceof apigwv2.CfnRoute && Stack.of(c) === Stack.of(httpApi) && JSON.stringify(resolveIn(c, c.apiId)) === apiId)
    .map((route): HttpRouteFact => {
      const authorizationType = resolveIn(route, route.authorizationType);
      return { routeKey: String(resolveIn(route, route.routeKey)), authorizationType: typeof authorizationType === 'string' ? authorizationType : undefined, source: route.node.path };
    });
  diagnostics.push(...preflightNeedsOptionsRoute(routes));
  return diagnostics;
}

/** The policy as aws-cdk-lib's `CorsPreflightOptions`, for `new HttpApi(.., { corsPreflight })`. @internal */
export function httpApiCorsPreflight(ctx: AdapterContext): apigwv2.CorsPreflightOptions {
  const config = renderHttpApiCors(ctx.policy);
  return {
    allowOrigins: config.allowOrigins,
    allowMethods: config.allowMethods as apigwv2.CorsHttpMethod[],
    ...(config.allowHeaders ? { allowHeaders: config.allowHeaders } : {}),
    ...(config.exposeHeaders ? { exposeHeaders: config.exposeHeaders } : {}),
    allowCredentials: config.allowCredentials,
    ...(config.maxAgeSeconds !== undefined ? { maxAge: Duration.seconds(config.maxAgeSeconds) } : {}),
  };
}
