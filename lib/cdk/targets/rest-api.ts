import { Aspects, Duration, Fn, Stack, type IAspect } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type { CorsDiagnostic } from '../../core/internal';
import {
  CorsPolicyError,
  REST_API_MOCK_REQUEST_TEMPLATE,
  apiGatewayHeaderLiterals,
  mergeGatewayResponseParameters,
  proxyResponsesUncovered,
  restApiOriginListToken,
  renderRestApiCors,
  restApiPreflightParameters,
  targetCorsConflict,
  validateCorsPolicy,
  type ProxyIntegrationFact,
  type RestApiCorsConfig,
} from '../../core/internal';
import type { IConstruct } from 'constructs';
import { allConstructs, claimTarget, isBound, isOwned, markOwned, resolveIn, type AdapterContext } from '../internal';

/** Options of `CorsPolicy.applyToRestApi`. */
export interface ApplyToRestApiOptions {
  /**
   * Whether API Gateway's own error responses (`DEFAULT_4XX`, `DEFAULT_5XX` and the type-specific
   * gateway responses defined on the API) carry the CORS headers, so browsers can read error bodies.
   * @default true
   */
  readonly gatewayResponses?: boolean;
}

/** Construct id of the OPTIONS method added to every resource (child of the resource). */
export const REST_PREFLIGHT_ID = 'CorsPreflight';
/** Construct id prefix of the gateway responses added to the API (`CorsGatewayResponse4XX`, `CorsGatewayResponse5XX`). */
export const REST_GATEWAY_RESPONSE_ID_PREFIX = 'CorsGatewayResponse';

// aws-cdk-lib's encoding of a list token (a one-element list holding this marker).
const LIST_TOKEN = /^#\{Token\[/;


function methodsOf(api: apigateway.IRestApi): apigateway.Method[] {
  return allConstructs(api).filter((c): c is apigateway.Method => c instanceof apigateway.Method && c.api === api);
}

function resourcesOf(api: apigateway.IRestApi): apigateway.IResource[] {
  return allConstructs(api).filter((c): c is apigateway.ResourceBase => c instanceof apigateway.ResourceBase && c.api === api);
}

function gatewayResponsesOf(api: apigateway.IRestApi): apigateway.CfnGatewayResponse[] {
  const apiId = JSON.stringify(resolveIn(api, api.restApiId));
  return allConstructs(api).filter((c): c is apigateway.CfnGatewayResponse =>
    c instanceof apigateway.CfnGatewayResponse && Stack.of(c) === Stack.of(api) && JSON.stringify(resolveIn(c, c.restApiId)) === apiId);
}

function resourceLabel(resource: apigateway.IResource): string {
  return resource.path;
}

/**
 * Applies the policy to one REST API: an aspect adds the MOCK OPTIONS preflight to every resource
 * (also the ones added after this call) and the gateway responses; checks run at validation time.
 * @internal
 */
export function applyToRestApi(ctx: AdapterContext, api: apigateway.RestApiBase, options: ApplyToRestApiOptions = {}): void {
  if (ctx.policy.allowOrigins.some((origin) => LIST_TOKEN.test(origin))) {
    // Rendering would embed the list in a string and crash synth: one clear error instead.
    ctx.addCheck(() => [restApiOriginListToken(api.node.path, 'a CommaDelimitedList parameter', 'Fn.select(0, list), Fn.select(1, list)')]);
    return;
  }
  const config = renderRestApiCors(ctx.policy, { doubleQuotesAtDeploy: (token) => Fn.join("''", Fn.split("'", token)) });
  const gatewayResponses = options.gatewayResponses !== false;
  const claim = claimTarget(api, ctx, { config, gatewayResponses }, api.node.path, 'rest-api');
  if (claim !== 'first') return;
  const parameters = restApiPreflightParameters(config.preflight);
  const preflights = new Map<apigateway.IResource, apigateway.Method>();
  const merged = new Map<apigateway.CfnGatewayResponse, string[]>();

  // Resources holding an OPTIONS method we did not create: one tree scan per aspect pass, not one per resource.
  let foreign: Set<apigateway.IResource> | undefined;
  const ensurePreflight = (resource: apigateway.IResource): void => {
    if (preflights.has(resource)) return;
    foreign ??= new Set(methodsOf(api).filter((m) => m.httpMethod === 'OPTIONS' && !isOwned(m)).map((m) => m.resource));
    const foreignChild = resource.node.children.some((c) => c instanceof apigateway.Method && c.httpMethod === 'OPTIONS' && !isOwned(c));
    if (foreign.has(resource) || foreignChild) return; // conflict, reported below
    const method = new apigateway.Method(resource, REST_PREFLIGHT_ID, {
      resource,
      httpMethod: 'OPTIONS',
      integration: new apigateway.MockIntegration({
        requestTemplates: { 'application/json': REST_API_MOCK_REQUEST_TEMPLATE },
        integrationResponses: [{
          statusCode: config.preflight.statusCode,
          responseParameters: { ...parameters.integrationResponseParameters },
          ...(config.preflight.responseTemplate !== undefined ? { responseTemplates: { 'application/json': config.preflight.responseTemplate } } : {}),
        }],
      }),
      options: {
        // No authorizer, no API key, whatever the API's defaultMethodOptions say: preflights carry no credentials.
        authorizationType: apigateway.AuthorizationType.NONE,
        apiKeyRequired: false,
        // 204 with `method.response.header.Access-Control-Allow-*: true`: the one shape cdk-nag's AwsSolutions-APIG4
        // exempts from "APIs implement authorization" (cdk-nag rules/apigw/APIGWAuthorization, checkCORSMethodResponses).
        methodResponses: [{
          statusCode: config.preflight.statusCode,
          responseParameters: { ...parameters.methodResponseParameters },
        }],
      },
    });
    markOwned(method);
    preflights.set(resource, method);
  };

  const ensureGatewayResponses = (): void => {
    if (!gatewayResponses || config.gatewayResponses.length === 0) return;
    const existing = gatewayResponsesOf(api).filter((r) => !isOwned(r));
    for (const response of config.gatewayResponses) {
      if (existing.some((r) => resolveIn(r, r.responseType) === response.type)) continue;
      const id = `${REST_GATEWAY_RESPONSE_ID_PREFIX}${response.type.replace('DEFAULT_', '')}`;
      if (api.node.tryFindChild(id)) continue;
      const created = new apigateway.GatewayResponse(api, id, { restApi: api, type: apigateway.ResponseType.of(response.type), responseHeaders: apiGatewayHeaderLiterals(response.headers) });
      markOwned(created.node.defaultChild as apigateway.CfnGatewayResponse);
    }
    // User-defined gateway responses replace the defaults for their type: they need the headers too.
    for (const response of existing) {
      if (merged.has(response)) continue;
      const merge = mergeGatewayResponseParameters(resolveIn(response, response.responseParameters) as Record<string, string> | null, config.gatewayResponses[0]!);
      merged.set(response, merge.added);
      if (merge.added.length > 0) response.responseParameters = merge.parameters as Record<string, string>;
    }
  };

  const aspect: IAspect = {
    visit(node: IConstruct): void {
      if (node === api) {
        foreign = undefined;
        for (const resource of resourcesOf(api)) ensurePreflight(resource);
        ensureGatewayResponses();
      } else if (node instanceof apigateway.ResourceBase && node.api === api) {
        ensurePreflight(node);
      }
    },
  };
  // Runs at synthesis, after the user's code and after mutating aspects of lower priority.
  Aspects.of(api).add(aspect, { priority: 1000 });

  ctx.addCheck(() => checkRestApi(api, config, gatewayResponses));
}

function checkRestApi(api: apigateway.RestApiBase, config: RestApiCorsConfig, gatewayResponses: boolean): CorsDiagnostic[] {
  const diagnostics: CorsDiagnostic[] = [];
  const methods = methodsOf(api);

  const foreignOptions = methods.filter((m) => m.httpMethod === 'OPTIONS' && !isOwned(m));
  if (foreignOptions.length > 0) {
    const listed = foreignOptions.map((m) => `${resourceLabel(m.resource)} (${m.node.path})`).join(', ');
    diagnostics.push(targetCorsConflict(`REST API ${api.node.path}`, 'rest-api', `OPTIONS methods not created by this policy, e.g. from defaultCorsPreflightOptions or addCorsPreflight: ${listed}`));
  }

  if (gatewayResponses && config.gatewayResponses.length > 0) {
    for (const response of gatewayResponsesOf(api)) {
      if (isOwned(response)) continue;
      const { conflicts: different } = mergeGatewayResponseParameters(resolveIn(response, response.responseParameters) as Record<string, unknown> | null, config.gatewayResponses[0]!);
      if (different.length > 0) {
        diagnostics.push(targetCorsConflict(`Gateway response ${String(resolveIn(response, response.responseType))} (${response.node.path})`, 'rest-api', different.join('; ')));
      }
    }
  }

  const boundArns = allConstructs(api).filter(isBound).map((fn) => JSON.stringify(resolveIn(api, (fn as unknown as { functionArn: string }).functionArn)));
  const integrations = methods.flatMap((method): ProxyIntegrationFact[] => {
    const cfn = method.node.defaultChild as apigateway.CfnMethod;
    const integration = resolveIn(method, cfn.integration) as { type?: string; uri?: unknown } | null;
    if (integration === null || String(integration.type).toUpperCase() !== 'AWS_PROXY') return [];
    const uri = JSON.stringify(integration.uri ?? '');
    if (!uri.includes(':lambda:path/')) return [];
    return [{ httpMethod: method.httpMethod, resourcePath: resourceLabel(method.resource), boundToRuntimeHelper: boundArns.some((arn) => uri.includes(arn)), source: method.node.path }];
  });
  diagnostics.push(...proxyResponsesUncovered(integrations));
  return diagnostics;
}

/**
 * The policy as aws-cdk-lib's own `CorsOptions` (for `defaultCorsPreflightOptions` or `addCorsPreflight`).
 * aws-cdk-lib sends the first origin statically and echoes the others by exact compare, sends
 * `Access-Control-Allow-Headers` literally and drops a max age of 0: patterns and `*` headers with
 * credentials cannot be expressed and throw.
 * @internal
 */
export function restApiCorsOptions(ctx: AdapterContext): apigateway.CorsOptions {
  const { policy } = ctx;
  // aws-cdk-lib's preflight sends every value as written (a static header, exact comparisons): the rules the audit
  // applies to such a preflight decide what it cannot express.
  const problems = validateCorsPolicy(policy, { targets: ['rest-api'], literalWildcards: { allowOrigins: true, allowHeaders: true } })
    .filter((d) => d.severity === 'error' && (d.rule === 'origin-pattern-unsupported' || d.rule === 'header-wildcard-with-credentials'));
  if (problems.length > 0) throw new CorsPolicyError(problems);
  return {
    allowOrigins: [...policy.allowOrigins],
    allowMethods: [...policy.allowMethods],
    allowHeaders: [...policy.allowHeaders],
    ...(policy.exposeHeaders.length > 0 ? { exposeHeaders: [...policy.exposeHeaders] } : {}),
    allowCredentials: policy.allowCredentials,
    ...(policy.maxAgeSeconds !== undefined && policy.maxAgeSeconds > 0 ? { maxAge: Duration.seconds(policy.maxAgeSeconds) } : {}),
    statusCode: 204,
  };
}
