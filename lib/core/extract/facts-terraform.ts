import type { CloudFrontBehaviorFact, HttpRouteFact, ProxyIntegrationFact } from '../facts';
import { RUNTIME_POLICY_ENV } from '../runtime-contract';
import { duplicateCorsHeaders, preflightNeedsOptionsRoute, preflightNotForwarded, proxyResponsesUncovered } from '../situational';
import { answersPreflight, describeResource, knownCloudFrontPolicy } from './facts-common';
import type { AuditFinding } from './audit';
import { isOpaqueValue, jsonText } from './opaque';
import { asRecord, blocks } from './reader';
import { referenceOf, resolveReference, terraformResources, type TerraformResources } from './terraform';
import type { ExtractedCors } from './types';

/**
 * A resource of the configuration, or `undefined` when it is absent or repeated by `count` or `for_each`
 * (its instances are only known at plan time, and references to it carry an index this reader does not follow).
 */
function single(resources: TerraformResources, address: string): Record<string, unknown> | undefined {
  const resource = resources.get(address);
  return resource && resource['count'] === undefined && resource['for_each'] === undefined ? resource : undefined;
}

function ofType(resources: TerraformResources, type: string): Array<[string, Record<string, unknown>]> {
  return [...resources].filter(([address]) => address.startsWith(`${type}.`) && single(resources, address) !== undefined);
}

function nameOf(resources: TerraformResources, address: string): string {
  return describeResource(address, asRecord(asRecord(resources.get(address)?.['//'])?.['metadata'])?.['path']);
}

/** The address a `${type.name.attribute}` reference names, when it is of `type`. */
function addressOf(value: unknown, type: string): string | undefined {
  const ref = referenceOf(value);
  return ref && ref.type === type ? `${ref.type}.${ref.name}` : undefined;
}

/**
 * Whether the `aws_lambda_function` at `address` is bound to the runtime helper (its `environment.variables`
 * has `CORS_CONSTRUCTS_POLICY`); `undefined` when that is not known before plan (variables from an expression).
 */
function boundFunction(resources: TerraformResources, address: string | undefined): boolean | undefined {
  const fn = address === undefined ? undefined : single(resources, address);
  if (!fn || !address!.startsWith('aws_lambda_function.')) return undefined;
  // An environment or variables map from an expression (a string), or a `dynamic "environment"` block, is only
  // known at plan time.
  if (typeof fn['environment'] === 'string' || asRecord(fn['dynamic'])?.['environment'] !== undefined) return undefined;
  const variables = blocks(fn['environment'])[0]?.['variables'];
  if (variables === undefined) return false;
  const known = asRecord(variables);
  return known ? Object.prototype.hasOwnProperty.call(known, RUNTIME_POLICY_ENV) : undefined;
}

const knownString = (value: unknown): value is string => typeof value === 'string' && !isOpaqueValue(value);

function preflightNotForwardedIn(resources: TerraformResources, items: readonly ExtractedCors[]): AuditFinding[] {
  const policies = new Map(items.filter((i): i is ExtractedCors<'cloudfront'> => i.target === 'cloudfront').map((i) => [i.resourceId, i]));
  const found: AuditFinding[] = [];
  for (const [address, distribution] of ofType(resources, 'aws_cloudfront_distribution')) {
    const behaviors: Array<[string, Record<string, unknown> | undefined]> = [
      [`${nameOf(resources, address)} default behavior`, blocks(distribution['default_cache_behavior'])[0]],
      ...blocks(distribution['ordered_cache_behavior']).map((b): [string, Record<string, unknown>] => [`${nameOf(resources, address)} behavior '${String(b['path_pattern'] ?? '')}'`, b]),
    ];
    for (const [label, behavior] of behaviors) {
      const policyAddress = addressOf(behavior?.['response_headers_policy_id'], 'aws_cloudfront_response_headers_policy');
      const ref = referenceOf(behavior?.['response_headers_policy_id']);
      const item = policyAddress !== undefined && ref?.attribute === 'id' ? policies.get(policyAddress) : undefined;
      const policy = item && knownCloudFrontPolicy(item);
      if (!behavior || !item || !policy) continue;
      // allowed_methods is required by the provider; a list with an expression is not checked.
      const methods = behavior['allowed_methods'];
      const allowedMethods = Array.isArray(methods) && methods.every(knownString) ? methods : undefined;
      const fact: CloudFrontBehaviorFact = { label, allowedMethods };
      found.push(...preflightNotForwarded(policy, [fact]).map((diagnostic) => ({ resource: item, diagnostic })));
    }
  }
  return found;
}

function preflightNeedsOptionsRouteIn(resources: TerraformResources, items: readonly ExtractedCors[]): AuditFinding[] {
  const found: AuditFinding[] = [];
  for (const item of items.filter((i) => i.target === 'http-api')) {
    const facts: HttpRouteFact[] = [];
    let uncertain = false;
    for (const [address, route] of resources) {
      if (!address.startsWith('aws_apigatewayv2_route.') || addressOf(route['api_id'], 'aws_apigatewayv2_api') !== item.resourceId) continue;
      const routeKey = route['route_key'];
      const authorization = route['authorization_type'];
      const known = single(resources, address) !== undefined && knownString(routeKey) && (authorization === undefined || knownString(authorization));
      if (known) facts.push({ routeKey, authorizationType: authorization as string | undefined, source: nameOf(resources, address) });
      // A route that may be an open OPTIONS route (or may not exist) could take the preflights: no finding on this API.
      else if (!knownString(routeKey) || routeKey.startsWith('OPTIONS ')) uncertain = true;
    }
    if (!uncertain) found.push(...preflightNeedsOptionsRoute(facts).map((diagnostic) => ({ resource: item, diagnostic })));
  }
  return found;
}

// `/items/{id}` from the chain of aws_api_gateway_resource path_parts up to the API's root_resource_id.
function resourcePath(resources: TerraformResources, value: unknown, depth = 0): string | undefined {
  const ref = referenceOf(value);
  if (!ref || depth > 64) return undefined;
  if (ref.type === 'aws_api_gateway_rest_api' && ref.attribute === 'root_resource_id') return '/';
  const resource = ref.type === 'aws_api_gateway_resource' && ref.attribute === 'id' ? resources.get(`${ref.type}.${ref.name}`) : undefined;
  if (!resource || !knownString(resource['path_part'])) return undefined;
  const parent = resourcePath(resources, resource['parent_id'], depth + 1);
  return parent === undefined ? undefined : `${parent === '/' ? '' : parent}/${resource['path_part']}`;
}

function proxyResponsesUncoveredIn(resources: TerraformResources, items: readonly ExtractedCors[]): AuditFinding[] {
  const apiOf = (resource: Record<string, unknown> | undefined) => jsonText(resolveReference(resource?.['rest_api_id'], resources) ?? null);
  // One finding per REST API, on its first preflight.
  const apis = new Map<string, ExtractedCors>();
  for (const item of items.filter(answersPreflight)) {
    const api = apiOf(resources.get(item.resourceId));
    if (!apis.has(api)) apis.set(api, item);
  }
  const found: AuditFinding[] = [];
  for (const [api, item] of apis) {
    const facts: ProxyIntegrationFact[] = [];
    for (const [address, integration] of ofType(resources, 'aws_api_gateway_integration')) {
      if (apiOf(integration) !== api || typeof integration['type'] !== 'string' || integration['type'].toUpperCase() !== 'AWS_PROXY') continue;
      // A function not defined in this configuration (an ARN, a data source) or an expression is not known: skipped.
      const bound = boundFunction(resources, addressOf(integration['uri'], 'aws_lambda_function'));
      if (bound === undefined) continue;
      const httpMethod = resolveReference(integration['http_method'], resources);
      facts.push({
        httpMethod: knownString(httpMethod) ? httpMethod : '<deploy-time method>',
        resourcePath: resourcePath(resources, integration['resource_id']),
        boundToRuntimeHelper: bound,
        source: nameOf(resources, address),
      });
    }
    found.push(...proxyResponsesUncovered(facts).map((diagnostic) => ({ resource: item, diagnostic })));
  }
  return found;
}

function duplicateCorsHeadersIn(resources: TerraformResources, items: readonly ExtractedCors[]): AuditFinding[] {
  const found: AuditFinding[] = [];
  for (const item of items) {
    if (item.target !== 'function-url' || item.config.allowOrigins.length === 0) continue;
    const url = single(resources, item.resourceId);
    // A qualified URL (an alias) runs a published version, whose variables are not read here.
    const fn = url && url['qualifier'] === undefined ? addressOf(url['function_name'], 'aws_lambda_function') : undefined;
    if (fn === undefined || boundFunction(resources, fn) !== true) continue;
    found.push(...duplicateCorsHeaders([{ source: nameOf(resources, fn) }]).map((diagnostic) => ({ resource: item, diagnostic })));
  }
  return found;
}

/**
 * The situational findings of a Terraform JSON configuration (`preflight-not-forwarded`,
 * `preflight-needs-options-route`, `proxy-responses-uncovered`, `duplicate-cors-headers`), from the facts it holds
 * for sure, about the CORS configurations `items` extracted from it. References are followed by address
 * (`${aws_lambda_function.handler.invoke_arn}`).
 */
export function situationalFromTerraform(configuration: unknown, items: readonly ExtractedCors[]): AuditFinding[] {
  const resources = terraformResources(configuration);
  return [
    ...preflightNotForwardedIn(resources, items),
    ...preflightNeedsOptionsRouteIn(resources, items),
    ...proxyResponsesUncoveredIn(resources, items),
    ...duplicateCorsHeadersIn(resources, items),
  ];
}
